"""The bookkeeping of a contract run: HTTP calls that record what they checked and every
mismatch, in one place, so seed_contract.py reads as the list of things a seed client does."""

import re

import requests

import seed_shapes
from shape_check import mismatches

RFC3339_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$")


class ContractClient:
    """A `requests` session against one server that counts checks and collects mismatches."""

    def __init__(self, base_url, timeout=30):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.timeout = timeout
        self.checks = 0
        self.mismatches = []
        self.deviations = []
        self.endpoints = set()

    def url(self, path):
        """`path` (or an absolute URL) on the server under test."""
        return path if path.startswith("http") else self.base_url + path

    def expect(self, condition, endpoint, case, problem):
        """Counts one check; records `problem` when `condition` is false. Returns `condition`."""
        self.checks += 1
        if not condition:
            self.mismatches.append({"endpoint": endpoint, "case": case, "problem": problem})
        return bool(condition)

    def shape(self, value, shape, table, endpoint, case):
        """Checks `value` against the seed table `table` (a name in seed_shapes)."""
        self.checks += 1
        accepted = {(t, path): kind for t, path, kind, _ in seed_shapes.DEVIATIONS}
        for path, expected, actual in mismatches(value, shape):
            if accepted.get((table, path)) == actual:
                reason = next(r for t, p, _, r in seed_shapes.DEVIATIONS if (t, p) == (table, path))
                deviation = {"table": table, "path": path, "answered": actual, "reason": reason}
                if deviation not in self.deviations:
                    self.deviations.append(deviation)
                continue
            self.mismatches.append({"endpoint": endpoint, "case": case,
                                    "problem": f"{table} {path}: expected {expected}, got {actual}"})

    def call(self, method, path, endpoint, case, status, **options):
        """Sends one request and checks its status; returns the response (None if it failed)."""
        self.endpoints.add(endpoint)
        options.setdefault("timeout", self.timeout)
        try:
            response = self.session.request(method, self.url(path), **options)
        except requests.RequestException as error:
            self.expect(False, endpoint, case, f"request failed: {error}")
            return None
        statuses = status if isinstance(status, tuple) else (status,)
        body = response.text[:300] if response.status_code not in statuses else ""
        self.expect(response.status_code in statuses, endpoint, case,
                    f"status {response.status_code}, expected {' or '.join(map(str, statuses))}: {body}")
        return response

    def json(self, response, endpoint, case):
        """The response's JSON body, or None (recorded) when it is not JSON."""
        if response is None:
            return None
        content_type = response.headers.get("Content-Type", "")
        self.expect(content_type.startswith("application/json"), endpoint, case, f"Content-Type '{content_type}'")
        try:
            return response.json()
        except ValueError:
            self.expect(False, endpoint, case, f"body is not JSON: {response.text[:200]!r}")
            return None

    def get_json(self, method, path, endpoint, case, shape=None, table=None, status=200, **options):
        """A call whose JSON answer must have `shape`; returns the decoded body."""
        body = self.json(self.call(method, path, endpoint, case, status, **options), endpoint, case)
        if body is not None and shape is not None:
            self.shape(body, shape, table, endpoint, case)
        return body

    def error(self, method, path, endpoint, case, status, code=None, field=None, **options):
        """A request that must fail with `status` and DESIGN.md's error body (`code`, `details[field]`)."""
        response = self.call(method, path, endpoint, case, status, **options)
        body = self.json(response, endpoint, case)
        if not isinstance(body, dict):
            self.expect(False, endpoint, case, f"error body is not a JSON object: {body!r}")
            return
        self.shape(body, seed_shapes.ERROR, "ERROR", endpoint, case)
        # DESIGN.md: the request id ties an error to its log line; the header and the body must agree.
        self.expect(body.get("request_id") == response.headers.get("X-Request-ID") and RFC3339_UTC.match(str(body.get("timestamp"))),
                    endpoint, case, f"request_id {body.get('request_id')!r} vs X-Request-ID {response.headers.get('X-Request-ID')!r}, "
                    f"timestamp {body.get('timestamp')!r}")
        if code is not None:
            self.expect(body.get("error") == code, endpoint, case, f"error code {body.get('error')!r}, expected {code!r}")
        if field is not None:
            details = body.get("details")
            self.expect(isinstance(details, dict) and field in details, endpoint, case,
                        f"details {details!r} do not name the field {field!r}")
        expected_path = path.split("?")[0]
        self.expect(body.get("path") == expected_path, endpoint, case, f"path {body.get('path')!r}, expected {expected_path!r}")

    def envelope_error(self, method, path, endpoint, case, status, code):
        """A seed 002 route failing inside its envelope with `status` and `error == code`."""
        body = self.get_json(method, path, endpoint, case, seed_shapes.ENVELOPE_ERROR, "ENVELOPE_ERROR", status)
        if isinstance(body, dict):
            self.expect(body.get("success") is False and body.get("error") == code, endpoint, case,
                        f"success {body.get('success')!r}, error {body.get('error')!r}, expected false and {code!r}")

    def report(self, **extra):
        """The run's JSON report."""
        return dict(base_url=self.base_url, checks=self.checks, endpoints_checked=sorted(self.endpoints),
                    mismatches=self.mismatches, deviations=self.deviations, **extra)

