"""Copies a local lake directory to (or removes it from) an S3 prefix, for bench/query-http.sh
with BACKEND=s3. Usage: lake_to_s3.py put|rm LAKE_DIR BUCKET PREFIX. Uses AWS_ENDPOINT_URL_S3
and the AWS credentials of the environment; 16 transfers in flight."""
import os, sys
from concurrent.futures import ThreadPoolExecutor
import boto3
from botocore.config import Config

action, lake, bucket, prefix = sys.argv[1:5]
s3 = boto3.client("s3", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_S3"),
                  config=Config(s3={"addressing_style": "path"}, max_pool_connections=16))
with ThreadPoolExecutor(16) as pool:
    if action == "put":
        files = [os.path.join(root, name) for root, _, names in os.walk(lake) for name in names if name.endswith(".parquet")]
        list(pool.map(lambda path: s3.upload_file(path, bucket, f"{prefix}/{os.path.relpath(path, lake)}"), files))
        print(f"{len(files)} objects under s3://{bucket}/{prefix}/", file=sys.stderr)
    else:
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix + "/"):
            keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
            if keys:
                s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})
