"""pyarrow beside `candlelake ranged-read-bench`: the same object shapes (one day of trades in
10 row groups: timestamp, price, size, trade_id, bid), uploaded to the same S3 endpoint, and
the fifth row group's timestamp/price/size read two ways — one whole GET then decoding from
memory, and ranged reads through pyarrow's S3FileSystem (footer, then the column chunks).
Usage: ranged_read_peer.py BUCKET REPEAT ROWS,ROWS,…  Prints one JSON line per size."""
import io, json, os, sys, time, uuid
import boto3
import numpy as np, pyarrow as pa, pyarrow.fs as pafs, pyarrow.parquet as pq

bucket, repeat, counts = sys.argv[1], int(sys.argv[2]), [int(x) for x in sys.argv[3].split(",")]
endpoint = os.environ["AWS_ENDPOINT_URL_S3"]
scheme, host = endpoint.split("://", 1)
s3 = pafs.S3FileSystem(endpoint_override=host, scheme=scheme, access_key=os.environ["AWS_ACCESS_KEY_ID"],
                       secret_key=os.environ["AWS_SECRET_ACCESS_KEY"], region=os.environ.get("AWS_REGION", "us-east-1"))
prefix = f"{bucket}/bench/ranged-read-peer-{uuid.uuid4().hex[:8]}"
columns = ["timestamp", "price", "size"]

def median(values):
    return sorted(values)[len(values) // 2]

for rows in counts:
    rng = np.random.default_rng(rows)
    price = 60000 + np.cumsum(rng.integers(-1000, 1001, rows) / 100)
    table = pa.table({"timestamp": pa.array(1762128000000 + np.arange(rows) * (86400000 // rows), pa.timestamp("ms", tz="UTC")),
                      "price": price, "size": rng.integers(0, 5000, rows) / 1000 + 0.001,
                      "trade_id": np.arange(rows) * 7919, "bid": price - 0.5})
    path = f"{prefix}/{rows}.parquet"
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=(rows + 9) // 10, compression="snappy")
    with s3.open_output_stream(path) as out:
        out.write(sink.getvalue())
    size = s3.get_file_info(path).size

    def whole():
        with s3.open_input_stream(path) as stream:
            data = stream.read()
        return pq.ParquetFile(pa.BufferReader(data)).read_row_group(4, columns=columns)

    def ranged():
        with s3.open_input_file(path) as handle:
            return pq.ParquetFile(handle).read_row_group(4, columns=columns)

    timings = {"whole": [], "ranged": []}
    for round_ in range(repeat + 1):
        for name, run in (("whole", whole), ("ranged", ranged)):
            began = time.perf_counter()
            run()
            if round_ > 0:
                timings[name].append((time.perf_counter() - began) * 1000)
    s3.delete_file(path)
    print(json.dumps({"rows": rows, "bytes": size, "whole_ms": median(timings["whole"]), "ranged_ms": median(timings["ranged"])}))
# pyarrow leaves a directory marker (and would recreate the parent's on delete_dir): remove with boto3.
marker_bucket, marker_key = prefix.split("/", 1)
boto3.client("s3", endpoint_url=endpoint).delete_object(Bucket=marker_bucket, Key=marker_key + "/")
