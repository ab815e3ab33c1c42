// A stand-in for the Jupyter server behind the models' ServerConnection: real
// ServerConnection settings whose `fetch` answers the CodeLab routes from a
// little in-memory state, and an EventSource the test drives. The models and
// their request code (request.ts, api.ts, eventStream.ts) run unchanged.
const { ServerConnection } = require('@jupyterlab/services');

const BASE = 'http://jupyter.test/lab-user/';
const API = `${BASE}codelab/api/`;
const IMAGE_CPU = 'e1a07296-22a8-4f05-8bc8-e936c8e54090';
const IMAGE_GPU = '7e09e3b7-4ea1-4bd4-bb3c-b5bb0fb4d0c3';
const HOUR = 3_600_000;

globalThis.window = globalThis; // the stream's timers are window.setTimeout in the browser

function image(id, name, processor, isDefault) {
  const nulls = ['type', 'arch', 'description', 'swr_path', 'service_type', 'status', 'status_message', 'visibility'];
  const more = ['origin', 'namespace', 'workspace_id', 'flavor_type', 'show_name', 'show_tag', 'swr_instance_id'];
  return {
    id,
    name,
    tag: '1.0',
    processor,
    default: isDefault,
    resource_categories: [processor],
    dev_services: [],
    support_res_categories: [],
    tags: [],
    size: null,
    create_at: null,
    update_at: null,
    ...Object.fromEntries([...nulls, ...more].map(key => [key, null]))
  };
}

/** A Notebook as the server answers it (openapi.json's Notebook). */
function notebookJson(fields = {}) {
  return {
    id: 'f9937afa-0000-4000-8000-000000000001',
    name: 'notebook_1',
    status: 'CREATING',
    feature: 'DEFAULT',
    flavor: 'modelarts.vm.cpu.free',
    url: null,
    fail_reason: null,
    description: null,
    workspace_id: '0',
    create_at: 0,
    update_at: 0,
    image: { id: IMAGE_CPU, name: 'cpu-image', tag: '1.0', type: 'BUILD_IN', swr_path: null },
    action_progress: [],
    endpoints: [],
    lease: null,
    pool: null,
    volume: null,
    progress: 0,
    simulated: true,
    ...fields
  };
}

function lease(remainingMs) {
  return {
    create_at: 0,
    duration: HOUR,
    enable: true,
    type: 'TIMING',
    update_at: 0,
    auto_stop: true,
    expires_at: Date.now() + remainingMs,
    remaining_ms: remainingMs
  };
}

class FakeServer {
  constructor() {
    this.requests = [];
    this.sources = [];
    this.config = { mode: 'simulated', region: 'cn-north-4', project_id: 'p', endpoint: 'e', auth: 'simulated' };
    this.images = [image(IMAGE_CPU, 'cpu-image', 'CPU', true), image(IMAGE_GPU, 'gpu-image', 'GPU', false)];
    this.current = null;
    /** Route answers to force once, by "METHOD path": [status, body]. */
    this.once = new Map();
    this.jobs = new Map();
    this.settings = ServerConnection.makeSettings({
      baseUrl: BASE,
      fetch: request => this.fetch(request),
      Request,
      Headers
    });
    const sources = this.sources;
    this.EventSource = class FakeEventSource {
      constructor(url) {
        this.url = url;
        this.readyState = 0;
        this.listeners = new Map();
        this.onopen = null;
        this.onerror = null;
        sources.push(this);
        queueMicrotask(() => {
          this.readyState = 1;
          this.onopen?.();
        });
      }
      addEventListener(type, listener) {
        this.listeners.set(type, listener);
      }
      close() {
        this.readyState = 2;
      }
    };
    this.EventSource.CLOSED = 2;
    globalThis.EventSource = this.EventSource;
  }

  /** The open event streams. */
  get openSources() {
    return this.sources.filter(source => source.readyState !== 2);
  }

  /** Send an event of `type` on every open stream, with the current notebook unless given. */
  emit(type, fields = {}) {
    const data = JSON.stringify({ type, notebook: this.current, changed: [], ...fields });
    for (const source of this.openSources) {
      source.listeners.get(type)?.({ data });
    }
  }

  calls(method, route) {
    return this.requests.filter(r => r.method === method && r.route === route);
  }

  async fetch(request) {
    const url = new URL(request.url);
    const route = url.pathname.slice(new URL(API).pathname.length);
    const text = await request.text();
    const body = text ? JSON.parse(text) : null;
    this.requests.push({ method: request.method, route, body });
    const forced = this.once.get(`${request.method} ${route}`);
    if (forced) {
      this.once.delete(`${request.method} ${route}`);
      return reply(...forced);
    }
    const [status, answer] = this.answer(request.method, route.split('/'), body);
    return reply(status, answer);
  }

  answer(method, [first, id, action], body) {
    const missing = [404, { message: 'No CodeLab instance yet: open one.', error_code: null }];
    if (first === 'config') {
      return [200, this.config];
    }
    if (first === 'images') {
      return [200, { images: this.images, default_image_id: IMAGE_CPU }];
    }
    if (first === 'send' && id === 'jobs') {
      const states = this.jobs.get(action);
      return states ? [200, states.length > 1 ? states.shift() : states[0]] : [404, { message: 'No such job.' }];
    }
    if (first !== 'notebooks') {
      return [404, { message: 'Not Found' }];
    }
    if (id === 'open') {
      const imageId = body.image_id ?? IMAGE_CPU;
      const chosen = this.images.find(i => i.id === imageId);
      const picked = { id: imageId, name: chosen.name, tag: '1.0', type: 'BUILD_IN', swr_path: null };
      this.current = notebookJson({ ...(this.current ?? {}), status: 'CREATING', image: picked });
      return [200, this.current];
    }
    if (!this.current || (id !== 'current' && id !== this.current.id)) {
      return missing;
    }
    if (action === 'lease') {
      // The plan is the server's (tests/server/test_extend_route.py): here, N hours more, said plainly.
      const left = this.current.lease?.remaining_ms ?? 0;
      this.current = { ...this.current, lease: lease(left + body.extend_hours * HOUR) };
      return [200, { ...this.current.lease, note: null }];
    }
    if (action === 'stop' || action === 'start') {
      this.current = { ...this.current, status: action === 'stop' ? 'STOPPING' : 'STARTING' };
    }
    return [200, this.current];
  }
}

function reply(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** Resolves with the next emission of `signal` (its args). */
function next(signal) {
  return new Promise(resolve => {
    const slot = (sender, args) => {
      signal.disconnect(slot);
      resolve(args);
    };
    signal.connect(slot);
  });
}

/** Let pending promises and microtasks run (the fake answers at once). */
function settle() {
  return new Promise(resolve => setTimeout(resolve, 0));
}

module.exports = { FakeServer, notebookJson, lease, next, settle, IMAGE_CPU, IMAGE_GPU, HOUR };
