"""esdk-obs-python's ``ObsClient`` behind the five calls sending needs. Blocking: call it in a thread.

Addressing: the cloud endpoint (``https://obs.{region}.myhuaweicloud.com``) is used
virtual-host style with OBS's own signature (``Authorization: OBS AK:sig``, ``x-obs-*``
headers, ``AccessKeyId`` in signed URLs). An IP endpoint (the simulator on 127.0.0.1:port)
makes the SDK use path style, and with it the S3-compatible form OBS also accepts
(``AWS AK:sig``, ``x-amz-*``, ``AWSAccessKeyId``): the SDK's own choice, kept (the simulator
checks both forms; tests/obs/test_simulator_obs.py drives it with each). Signature
negotiation (an extra request per bucket) is off: OBS endpoints speak the OBS protocol.
The SDK does not log unless ``initLog`` is called, so signed URLs stay out of logs.
"""

from __future__ import annotations

import io

NOTEBOOK_CONTENT_TYPE = "application/x-ipynb+json"
FILE_CONTENT_TYPE = "application/octet-stream"  # the files sent with a notebook: fetched by the added cell, never shown


class ObsRequestError(Exception):
    """An OBS call failed: its status, OBS's ``Code`` and ``Message`` and the request id are kept."""

    def __init__(self, operation: str, status: int | None, code: str | None, message: str | None, request_id: str | None):
        self.operation, self.status, self.code, self.obs_message, self.request_id = operation, status, code, message, request_id
        super().__init__(self.sentence())

    def sentence(self) -> str:
        what = f"{self.status} {self.code or ''}".strip() if self.status else (self.code or "no answer")
        detail = f": {self.obs_message}" if self.obs_message else ""
        rid = f" [request id {self.request_id}]" if self.request_id else ""
        return f"OBS refused {self.operation} ({what}{detail}){rid}."


class ObsGateway:
    def __init__(self, endpoint: str, access_key: str, secret_key: str, security_token: str | None = None,
                 region: str = "cn-north-4", timeout: float = 60.0):  # fmt: skip
        from obs import ObsClient  # imported when sending is first used (about 0.1 s; see bench/)

        self.endpoint = endpoint.rstrip("/")
        self.client = ObsClient(
            access_key_id=access_key, secret_access_key=secret_key, security_token=security_token or None,
            server=self.endpoint, signature="obs", region=region, is_signature_negotiation=False,
            max_retry_count=2, timeout=int(max(timeout, 1)),
        )  # fmt: skip
        self.path_style = bool(self.client.path_style)
        self.region = region

    def _call(self, operation: str, function, *args, ok=(200,), **kwargs):
        try:
            result = function(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - connection trouble, told without the URL
            raise ObsRequestError(operation, None, type(error).__name__, str(error)[:200], None) from None
        if result.status not in ok:
            raise ObsRequestError(operation, result.status, result.errorCode, result.errorMessage, result.requestId)
        return result

    def bucket_status(self, bucket: str) -> int:
        """200 (yours), 404 (no such bucket) or 403 (someone else's)."""
        return self._call("HEAD bucket", self.client.headBucket, bucket, ok=(200, 403, 404)).status

    def create_bucket(self, bucket: str) -> None:
        from obs import CreateBucketHeader

        self._call(
            "create bucket",
            self.client.createBucket,
            bucket,
            header=CreateBucketHeader(aclControl="private"),
            location=self.region,
        )

    def object_exists(self, bucket: str, key: str) -> bool:
        return self._call("HEAD object", self.client.headObject, bucket, key, ok=(200, 404)).status == 200

    def upload(self, bucket: str, key: str, stream, size: int, content_type: str = NOTEBOOK_CONTENT_TYPE) -> None:
        """``size`` bytes read from ``stream`` (``read(n)``) in the SDK's parts, never all at once."""
        from obs import PutObjectHeader

        headers = PutObjectHeader(contentType=content_type, contentLength=size, acl="private")
        self._call("upload", self.client.putContent, bucket, key, stream, headers=headers)

    def put(self, bucket: str, key: str, data: bytes) -> None:
        self.upload(bucket, key, io.BytesIO(data), len(data))

    def signed_get_url(self, bucket: str, key: str, seconds: int) -> str:
        """A GET link valid for ``seconds``: a secret until it expires (never log or return it whole)."""
        return self.client.createSignedUrl("GET", bucket, key, expires=int(seconds)).signedUrl

    def make_public(self, bucket: str, key: str) -> None:
        self._call("setting the object public-read", self.client.setObjectAcl, bucket, key, aclControl="public-read")

    def close(self) -> None:
        self.client.close()
