import Foundation
import LakeTestSupport
import Testing

/// Seed 002's `/ws/stream` end to end, on the local lake and on LocalStack, with Python
/// `websockets` and `requests` as the client: trades sent to the ingest API come back as
/// initial history and as live candles, which follow further ingests within the update
/// interval; ping, errors, unsubscribe, the admin views and the per-address limit.
@Suite(.serialized) struct StreamRouteTests {
    @Test(arguments: ServiceHarness.Backend.allCases)
    func ingestedTradesStreamAsCandles(backend: ServiceHarness.Backend) async throws {
        try await ServiceHarness.with(backend, extra: ["STREAM_HEARTBEAT_SECONDS": "1", "STREAM_MAX_CONNECTIONS_PER_IP": "3"]) { harness in
            let result = try await ServiceHarness.python(Self.client, [harness.baseURL])
            #expect(result.status == 0, "\(result.output)\n\(result.standardError)")
        }
    }

    /// A connection holds at most 200 (symbol, timeframe) subscriptions: the rest of a
    /// subscribe fails by name, a repeat of a held one is not a new one, and unsubscribing
    /// frees a place. (The limit does not depend on the backend.)
    @Test func subscriptionsPerConnectionAreLimited() async throws {
        try await ServiceHarness.with(.local) { harness in
            let result = try await ServiceHarness.python(Self.limitClient, [harness.baseURL])
            #expect(result.status == 0, "\(result.output)\n\(result.standardError)")
        }
    }

    static let limitClient = #"""
        import asyncio, json, sys, time
        import requests, websockets

        base = sys.argv[1]

        def check(condition, what):
            print(('ok   ' if condition else 'FAIL ') + what, flush=True)
            if not condition:
                raise SystemExit(1)

        async def reply(ws, kind):
            while True:
                message = json.loads(await asyncio.wait_for(ws.recv(), 10))
                if message.get('type') == kind:
                    return message

        def failed_timeframes(result):
            return sorted(t for f in result['failed_subscriptions'] for t in f['timeframes'])

        async def main():
            now = int(time.time() * 1000)
            body = {'trades': [{'timestamp': now - 60_000, 'symbol': 'ETHUSDT', 'price': 3000.5, 'volume': 1}]}
            check(requests.post(base + '/v1/trades/ingest', json=body, timeout=30).status_code == 200, 'ingested one trade')
            async with websockets.connect(base.replace('http://', 'ws://') + '/ws/stream') as ws:
                # 11 entries of 20 timeframes: 220 requested in one message.
                entries = [{'symbol': 'ETHUSDT', 'timeframes': list(range(1 + 20 * k, 21 + 20 * k))} for k in range(11)]
                await ws.send(json.dumps({'action': 'subscribe', 'subscriptions': entries}))
                result = await reply(ws, 'subscription_result')
                check(result['successful_subscriptions']['ETHUSDT'] == [{'timeframe': t, 'initial_candles': 0} for t in range(1, 201)],
                      'the first 200 timeframes are held')
                check(failed_timeframes(result) == list(range(201, 221)), f'the other 20 failed: {failed_timeframes(result)}')
                check(all(f['error_code'] == 'INVALID_SUBSCRIPTION' and '200 subscriptions per connection' in f['message']
                          for f in result['failed_subscriptions']), 'each failure says why')
                check(result['message'] == '200 subscriptions successful, 20 failed', result['message'])

                await ws.send(json.dumps({'action': 'subscribe', 'subscriptions': [{'symbol': 'ETHUSDT', 'timeframes': [5]}]}))
                again = await reply(ws, 'subscription_result')
                check(again['failed_subscriptions'] == [] and again['successful_subscriptions'] == {'ETHUSDT': [{'timeframe': 5, 'initial_candles': 0}]},
                      'subscribing again to a held timeframe succeeds')

                await ws.send(json.dumps({'action': 'unsubscribe', 'unsubscriptions': [{'symbol': 'ETHUSDT', 'timeframes': [1]}]}))
                check((await reply(ws, 'unsubscription_result'))['removed'] == {'ETHUSDT': [1]}, 'unsubscribed 1m')
                await ws.send(json.dumps({'action': 'subscribe', 'subscriptions': [{'symbol': 'ETHUSDT', 'timeframes': [201, 202]}]}))
                freed = await reply(ws, 'subscription_result')
                check(freed['successful_subscriptions'] == {'ETHUSDT': [{'timeframe': 201, 'initial_candles': 0}]} and failed_timeframes(freed) == [202],
                      f'the freed place takes one more, and only one: {freed}')

        asyncio.run(main())
        """#

    /// Every check prints a line; a failed one raises, so the script exits non-zero.
    static let client = #"""
        import asyncio, json, sys, time
        import requests, websockets

        base = sys.argv[1]
        url = base.replace('http://', 'ws://') + '/ws/stream'
        MINUTE, WEEK = 60_000, 10_080 * 60_000

        def check(condition, what):
            print(('ok   ' if condition else 'FAIL ') + what, flush=True)
            if not condition:
                raise SystemExit(1)

        def ingest(trades):
            body = {'trades': [{'timestamp': t, 'symbol': 'BTCUSDT', 'price': p, 'volume': v} for t, p, v in trades]}
            reply = requests.post(base + '/v1/trades/ingest', json=body, timeout=30)
            check(reply.status_code == 200, f'ingest answered {reply.status_code} {reply.text[:200]}')

        def candles(trades, step):
            buckets = {}
            for t, p, v in sorted(trades):
                start = t // step * step
                c = buckets.get(start)
                if c is None:
                    buckets[start] = {'candle_time': start, 'open': p, 'high': p, 'low': p, 'close': p, 'volume': float(v), 'trades_count': 1}
                else:
                    c['high'] = max(c['high'], p); c['low'] = min(c['low'], p); c['close'] = p
                    c['volume'] += v; c['trades_count'] += 1
            return buckets

        def same(served, expected):
            keys = ['candle_time', 'open', 'high', 'low', 'close', 'volume', 'trades_count']
            return [{k: c[k] for k in keys} for c in served] == [{k: c[k] for k in keys} for c in expected]

        async def next_of(ws, kind, timeout=5.0, where=lambda m: True):
            deadline = time.monotonic() + timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit(f'FAIL no {kind} within {timeout} s')
                message = json.loads(await asyncio.wait_for(ws.recv(), left))
                if message.get('type') == kind and where(message):
                    return message

        async def main():
            now = int(time.time() * 1000)
            trades = [(now - 600_000 + i * 5_000, 100.0 + (i % 17) * 0.25, 1 + i % 5) for i in range(120)]
            trades.append((now - 300, 101.5, 2))
            ingest(trades)

            async with websockets.connect(url) as ws:
                await ws.send(json.dumps({'action': 'subscribe', 'subscriptions': [
                    {'symbol': 'btc-usdt', 'timeframes': [{'timeframe': 1, 'initial_candles': 5}, {'timeframe': 10080, 'initial_candles': 2}]},
                    {'symbol': 'NOPEUSDT', 'timeframes': [15]}]}))
                result = await next_of(ws, 'subscription_result')
                check(result['successful_subscriptions'] == {'BTCUSDT': [{'timeframe': 1, 'initial_candles': 5}, {'timeframe': 10080, 'initial_candles': 2}]},
                      f'subscribed BTCUSDT 1m and 10080m as the lake spells it: {result}')
                check([f['symbol'] for f in result['failed_subscriptions']] == ['NOPEUSDT'] and result['failed_subscriptions'][0]['error_code'] == 'INVALID_SUBSCRIPTION',
                      'an unknown symbol is a failed subscription')

                history = await next_of(ws, 'initial_history', where=lambda m: m['timeframe'] == '1m')
                minutes = candles(trades, MINUTE)
                last = max(minutes)
                windows = [[minutes[t] for t in sorted(minutes) if current - 4 * MINUTE <= t <= current] for current in (last, last + MINUTE)]
                check(history['requested_candles'] == 5 and history['actual_candles'] == len(history['candles']), 'history counts')
                check(any(same(history['candles'], window) for window in windows), f'1m history is the last five minutes of trades: {history["candles"]}')
                check(history['data_status'] == {'historical_loading': False, 'gap_recovery': False, 'data_quality': 'complete',
                                                 'last_complete_timestamp': None}, 'data_status is complete')
                check(all(c['taker_buy_volume'] is None and c['taker_sell_volume'] is None for c in history['candles']),
                      'taker volumes are null: the lake keeps no trade side')
                weekly = await next_of(ws, 'initial_history', where=lambda m: m['timeframe'] == '10080m')
                check(same(weekly['candles'][-1:], [candles(trades, WEEK)[max(candles(trades, WEEK))]]), 'the weekly history ends with the forming week')

                update = await next_of(ws, 'ohlcv_update', where=lambda m: m['timeframe'] == '10080m')
                week = candles(trades, WEEK)
                check(same([update['data']], [week[max(week)]]), f'the live weekly candle is every trade of the week: {update["data"]}')

                spike = [(int(time.time() * 1000) - 100, 250.0, 7)]
                ingest(spike)
                trades.extend(spike)
                update = await next_of(ws, 'ohlcv_update', timeout=5.0, where=lambda m: m['timeframe'] == '10080m' and m['data']['high'] == 250.0)
                week = candles(trades, WEEK)
                check(same([update['data']], [week[max(week)]]), 'a new ingest shows in the next update')

                await ws.send(json.dumps({'action': 'ping', 'timestamp': 1735691100000}))
                pong = await next_of(ws, 'pong')
                check(pong['client_timestamp'] == 1735691100000 and abs(pong['timestamp'] - time.time() * 1000) < 60_000, 'pong echoes the ping')
                await ws.send('not json')
                check((await next_of(ws, 'error'))['error_code'] == 'INVALID_JSON', 'INVALID_JSON')
                await ws.send(json.dumps({'action': 'dance'}))
                check((await next_of(ws, 'error'))['error_code'] == 'UNKNOWN_ACTION', 'UNKNOWN_ACTION')
                await ws.send(json.dumps({'action': 'subscribe', 'subscriptions': [{'symbol': 'BTCUSDT', 'timeframes': [0]}]}))
                check((await next_of(ws, 'error'))['error_code'] == 'INVALID_TIMEFRAME', 'INVALID_TIMEFRAME')
                beat = await next_of(ws, 'heartbeat', timeout=3.0)
                check(beat['connections_count'] == 1, 'heartbeat counts the connections')

                status = requests.get(base + '/api/v1/admin/websocket/status', timeout=10).json()
                data = status['data']
                check(status['success'] and data['connections_count'] == 1 and data['active_symbols'] == 1 and data['total_subscriptions'] == 2
                      and data['mv_references_count'] == 2 and data['update_task_running'] and data['heartbeat_task_running']
                      and data['messages_sent'] >= 8 and data['errors_count'] == 3, f'admin status: {data}')
                connections = requests.get(base + '/api/v1/admin/websocket/connections', timeout=10).json()['data']
                client = connections['connections'][0]
                check(connections['total_connections'] == 1 and client['ip_address'] == '127.0.0.1' and client['subscriptions'] == {'BTCUSDT': [1, 10080]}
                      and client['total_subscriptions'] == 2 and client['last_ping'] is not None and client['client_id'].startswith('127.0.0.1_')
                      and connections['active_symbols'] == ['BTCUSDT'] and connections['mv_references'] == {'BTCUSDT:1m': 1, 'BTCUSDT:10080m': 1},
                      f'admin connections: {connections}')
                health = requests.get(base + '/api/v1/monitoring/health', timeout=10).json()
                check(health['status'] == 'healthy' and health['components']['websocket_manager']['connections'] == 1
                      and health['components']['store']['reachable'] and health['components']['catalog']['objects'] == 2, f'monitoring health: {health}')

                await ws.send(json.dumps({'action': 'unsubscribe', 'unsubscriptions': [{'symbol': 'BTCUSDT', 'timeframes': [10080]}]}))
                removed = await next_of(ws, 'unsubscription_result')
                check(removed['removed'] == {'BTCUSDT': [10080]}, f'unsubscribed: {removed}')
                deadline = time.monotonic() + 2.5
                while time.monotonic() < deadline:
                    try:
                        message = json.loads(await asyncio.wait_for(ws.recv(), deadline - time.monotonic()))
                    except asyncio.TimeoutError:
                        break
                    check(not (message.get('type') == 'ohlcv_update' and message['timeframe'] == '10080m'), 'no weekly update after unsubscribing')

            for _ in range(50):
                if requests.get(base + '/api/v1/admin/websocket/status', timeout=10).json()['data']['connections_count'] == 0:
                    break
                await asyncio.sleep(0.1)
            check(requests.get(base + '/api/v1/admin/websocket/status', timeout=10).json()['data']['connections_count'] == 0, 'a closed socket is forgotten')

            held = [await websockets.connect(url) for _ in range(3)]
            async with websockets.connect(url) as refused:
                message = json.loads(await asyncio.wait_for(refused.recv(), 5))
                check(message['type'] == 'error' and message['error_code'] == 'CONNECTION_ERROR', f'the fourth connection from one address is refused: {message}')
                try:
                    await asyncio.wait_for(refused.recv(), 5)
                    check(False, 'the refused socket is closed')
                except websockets.ConnectionClosed as closed:
                    check(closed.rcvd is not None and closed.rcvd.code == 1008, f'closed with 1008: {closed.rcvd}')
            for ws in held:
                await ws.close()

        asyncio.run(main())
        """#
}
