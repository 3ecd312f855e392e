# The FastAPI peer of bench/upload.sh: a multipart upload with `file` and `key`, spooled by
# Starlette/python-multipart (SpooledTemporaryFile: memory up to 1 MiB, then disk), then
# refused after its first bytes as CandleLake refuses a non-Parquet file under a .parquet key,
# so both servers do the same work: receive, parse the form, spool, look at the head.
from fastapi import FastAPI, File, Form, UploadFile
from fastapi.responses import JSONResponse

app = FastAPI()


@app.post("/upload")
async def upload(file: UploadFile = File(...), key: str = Form(...)):
    head = await file.read(4)
    await file.close()
    if key.endswith(".parquet") and head != b"PAR1":
        return JSONResponse({"error": "INVALID_CONTENT", "message": "file: the key ends in .parquet but the file is not Parquet"},
                            status_code=422)
    return JSONResponse({"key": key}, status_code=201)
