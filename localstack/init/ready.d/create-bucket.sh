#!/usr/bin/env bash
# LocalStack ready hook (runs inside the container once S3 is up): creates the lake bucket.
set -euo pipefail
awslocal s3api head-bucket --bucket "${S3_BUCKET:-candlelake-test}" 2>/dev/null \
    || awslocal s3api create-bucket --bucket "${S3_BUCKET:-candlelake-test}"
