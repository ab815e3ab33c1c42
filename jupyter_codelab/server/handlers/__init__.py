"""REST and SSE handlers of the CodeLab API; ``ROUTES`` is the table the extension mounts."""

from .credentials import CredentialsHandler
from .doctor import DoctorHandler
from .events import EventsHandler
from .meta import ConfigHandler, ImagesHandler, OpenAPIHandler
from .notebooks import CurrentHandler, LeaseHandler, NotebookHandler, OpenHandler, StartHandler, StopHandler
from .send import JobHandler, PreviewHandler, PublishHandler, StartSendHandler

_ID = r"(?P<notebook_id>[^/]+)"

ROUTES = [
    (r"config", ConfigHandler),
    (r"credentials", CredentialsHandler),
    (r"doctor", DoctorHandler),
    (r"images", ImagesHandler),
    (r"openapi.json", OpenAPIHandler),
    (r"send/preview", PreviewHandler),
    (r"send/publish", PublishHandler),
    (r"send/jobs/(?P<job_id>[^/]+)", JobHandler),
    (r"send", StartSendHandler),
    (r"notebooks/open", OpenHandler),
    (r"notebooks/current", CurrentHandler),
    (rf"notebooks/{_ID}/lease", LeaseHandler),
    (rf"notebooks/{_ID}/stop", StopHandler),
    (rf"notebooks/{_ID}/start", StartHandler),
    (rf"notebooks/{_ID}/events", EventsHandler),
    (rf"notebooks/{_ID}", NotebookHandler),
]
