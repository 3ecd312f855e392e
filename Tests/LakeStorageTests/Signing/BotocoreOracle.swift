import Foundation
import LakeTestSupport
import Testing

/// Runs ONE Python process that computes botocore's answers for a batch of signing
/// cases at a frozen clock, and returns them as JSON objects (same order as the cases).
enum BotocoreOracle {
    static func answers(for cases: [[String: Any]], timestamp: Int64) throws -> [[String: Any]] {
        let input = try JSONSerialization.data(withJSONObject: ["timestamp": timestamp, "cases": cases])
        let result = try ProcessRunner.python(script, input: input)
        try #require(result.status == 0, "botocore oracle failed: \(result.standardError)")
        let output = try #require(try JSONSerialization.jsonObject(with: result.standardOutput) as? [[String: Any]])
        try #require(output.count == cases.count)
        return output
    }

    private static let script = #"""
import datetime, json, sys
from unittest import mock
from urllib.parse import quote
import boto3, botocore.auth, botocore.signers
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
try:
    import botocore.crt.auth as crt_auth
except ImportError:
    crt_auth = None

job = json.load(sys.stdin)
frozen = datetime.datetime.fromtimestamp(job["timestamp"], datetime.timezone.utc)
def now(remove_tzinfo=True):
    return frozen.replace(tzinfo=None) if remove_tzinfo else frozen
patches = [mock.patch("botocore.auth.get_current_datetime", now), mock.patch("botocore.signers.get_current_datetime", now)]
if crt_auth is not None:
    patches.append(mock.patch("botocore.crt.auth.get_current_datetime", now))
for p in patches:
    p.start()

clients = {}
def client(case):
    key = (case["endpoint"], case["style"], case["region"], case.get("token"))
    if key not in clients:
        clients[key] = boto3.client("s3", region_name=case["region"], endpoint_url=case["endpoint"],
            aws_access_key_id=case["accessKey"], aws_secret_access_key=case["secretKey"],
            aws_session_token=case.get("token"),
            config=Config(signature_version="s3v4", s3={"addressing_style": case["style"]}))
    return clients[key]

operations = {"GET": "get_object", "PUT": "put_object", "HEAD": "head_object", "DELETE": "delete_object"}
out = []
for case in job["cases"]:
    if case["kind"] == "url":
        url = client(case).generate_presigned_url(operations[case["method"]],
            Params={"Bucket": case["bucket"], "Key": case["key"]}, ExpiresIn=case["expires"])
        out.append({"url": url})
    elif case["kind"] == "post":
        conditions = []
        for c in case["conditions"]:
            if c[0] == "eq": conditions.append({c[1]: c[2]})
            elif c[0] == "starts-with": conditions.append(["starts-with", "$" + c[1], c[2]])
            else: conditions.append(["content-length-range", c[1], c[2]])
        post = client(case).generate_presigned_post(case["bucket"], case["key"],
            Fields=dict(case["fields"]), Conditions=conditions, ExpiresIn=case["expires"])
        out.append({"url": post["url"], "fields": [[k, v] for k, v in post["fields"].items()]})
    else:
        creds = Credentials(case["accessKey"], case["secretKey"], case.get("token"))
        url = case["endpoint"] + "/" + quote(case["bucket"], safe="/~") + "/" + quote(case["key"], safe="/~")
        request = AWSRequest(method=case["method"], url=url, headers=dict(case["headers"]),
                             params=[tuple(p) for p in case["query"]], data=bytes(case["body"], "utf-8"))
        request.context["timestamp"] = frozen.strftime("%Y%m%dT%H%M%SZ")
        botocore.auth.S3SigV4Auth(creds, "s3", case["region"]).add_auth(request)
        out.append({"authorization": request.headers["Authorization"],
                    "contentSHA256": request.headers["X-Amz-Content-SHA256"],
                    "date": request.headers["X-Amz-Date"]})
json.dump(out, sys.stdout)
"""#
}
