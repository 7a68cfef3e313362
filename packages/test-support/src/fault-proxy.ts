import { createServer, connect as netConnect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on 127.0.0.1 in front of a real server, for integration tests that prove the client survives
 * a bad network: connections cut mid-response, a link that goes silent, a slow link, a server that
 * accepts and hangs up. Works below HTTP, so it breaks `fetch` exactly as a real network would.
 *
 * Bounded: loopback only, at most `maxConnections` open pairs, at most one read chunk buffered per
 * direction (the source socket is paused while its data waits), every timer cleared on `close()`.
 */

export interface FaultProxyTarget {
  readonly host: string;
  readonly port: number;
}

export interface FaultProxyOptions {
  readonly target: FaultProxyTarget;
  /** New connections over this many open ones are destroyed at once. Default 64. */
  readonly maxConnections?: number;
}

export interface FaultProxyThrottle {
  /** Server→client data is forwarded in pieces of at most this many bytes… */
  readonly bytesPerChunk: number;
  /** …with this pause after each piece. */
  readonly delayMs: number;
}

export interface FaultProxyStats {
  /** Connections accepted since the start, refused ones included. */
  readonly connections: number;
  /** Client connections open now. */
  readonly open: number;
  /** Bytes forwarded from the server to clients. */
  readonly bytesToClient: number;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use it as the client's base URL. */
  readonly url: string;
  readonly port: number;
  /** Destroys every open connection now, both sides: the client sees its response break off. */
  cutAll(): void;
  /** While on, no byte is forwarded either way (connections stay open); off sends what was held back. */
  setStalled(on: boolean): void;
  /** Forwards server→client data in small delayed pieces; `undefined` goes back to full speed. */
  setThrottle(throttle: FaultProxyThrottle | undefined): void;
  /** While on, new connections are accepted and destroyed at once. */
  setRefuse(on: boolean): void;
  stats(): FaultProxyStats;
  /** Stops listening, destroys every connection, frees the port. */
  close(): Promise<void>;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '::1']);

interface ProxyState {
  stalled: boolean;
  throttle: FaultProxyThrottle | undefined;
  closed: boolean;
  bytesToClient: number;
  /** Resolvers of pumps waiting for the stall to end (or the proxy to close). */
  readonly waiters: Set<() => void>;
  /** Throttle pauses in progress: `close()` ends them early. */
  readonly sleepers: Set<() => void>;
}

/**
 * Starts a fault proxy on a free loopback port.
 *
 * @example
 * const server = await startMastraServer({ port: 0, storageUrl: ':memory:' });
 * const proxy = await startFaultProxy({ target: { host: '127.0.0.1', port: server.port } });
 * const transport = createMastraHttpTransport({ baseUrl: proxy.url });
 * // … start a run, then:
 * proxy.cutAll(); // the stream breaks off; the client must reconnect through the proxy
 * await proxy.close();
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const { target } = options;
  if (!loopbackHosts.has(target.host)) {
    throw new Error(`startFaultProxy: the target must be on loopback, got ${target.host}`);
  }
  const maxConnections = options.maxConnections ?? 64;
  const state: ProxyState = {
    stalled: false,
    throttle: undefined,
    closed: false,
    bytesToClient: 0,
    waiters: new Set(),
    sleepers: new Set(),
  };
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let refuse = false;
  let connections = 0;

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    connections++;
    if (refuse || state.closed || pairs.size >= maxConnections) {
      client.destroy();
      return;
    }
    const upstream = netConnect({ host: target.host, port: target.port });
    const pair = { client, upstream };
    pairs.add(pair);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    const destroyBoth = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // An error on either side, or the client going away, ends both: nothing to forward to any more. The
    // server closing cleanly is passed on by the pump (`end()` once what is held back was sent), so a
    // throttled or stalled response is not cut short when the server closes right after writing it.
    client.on('error', destroyBoth);
    upstream.on('error', destroyBoth);
    client.on('close', destroyBoth);
    upstream.on('close', (hadError) => {
      if (hadError) destroyBoth();
    });
    pump(client, upstream, state, false);
    pump(upstream, client, state, true);
    client.resume();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startFaultProxy: no TCP address');
  const port = address.port;

  function wakeAll(): void {
    for (const wake of [...state.waiters]) wake();
    state.waiters.clear();
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    cutAll() {
      for (const { client, upstream } of [...pairs]) {
        client.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
    },
    setStalled(on) {
      state.stalled = on;
      if (!on) wakeAll();
    },
    setThrottle(throttle) {
      if (
        throttle &&
        (!Number.isInteger(throttle.bytesPerChunk) || throttle.bytesPerChunk < 1 || throttle.delayMs < 0)
      ) {
        throw new RangeError('setThrottle: bytesPerChunk must be a whole number >= 1 and delayMs >= 0');
      }
      state.throttle = throttle;
    },
    setRefuse(on) {
      refuse = on;
    },
    stats() {
      return { connections, open: pairs.size, bytesToClient: state.bytesToClient };
    },
    close() {
      state.closed = true;
      wakeAll();
      for (const wake of [...state.sleepers]) wake();
      for (const { client, upstream } of [...pairs]) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Forwards one direction. Each chunk read is held (the source paused) until it is written, so a stall
 * or a throttle backs up into TCP flow control instead of into memory.
 */
function pump(from: Socket, to: Socket, state: ProxyState, toClient: boolean): void {
  const queue: Buffer[] = [];
  let busy = false;
  let ended = false;

  const waitWhileStalled = () =>
    new Promise<void>((resolve) => {
      state.waiters.add(resolve);
    });
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        state.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      state.sleepers.add(wake);
    });
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        to.off('drain', done);
        to.off('close', done);
        resolve();
      };
      to.on('drain', done);
      to.on('close', done);
    });

  async function flush(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      while (queue.length > 0) {
        if (state.closed || to.destroyed) return;
        if (state.stalled) {
          await waitWhileStalled();
          continue;
        }
        let chunk = queue.shift()!;
        const throttle = toClient ? state.throttle : undefined;
        if (throttle && chunk.length > throttle.bytesPerChunk) {
          queue.unshift(chunk.subarray(throttle.bytesPerChunk));
          chunk = chunk.subarray(0, throttle.bytesPerChunk);
        }
        if (toClient) state.bytesToClient += chunk.length;
        if (!to.write(chunk)) await drained();
        if (throttle && throttle.delayMs > 0) await sleep(throttle.delayMs);
      }
      if (ended) to.end();
      else if (!from.destroyed) from.resume();
    } finally {
      busy = false;
    }
  }

  from.on('data', (chunk: Buffer) => {
    queue.push(chunk);
    from.pause();
    void flush();
  });
  from.on('end', () => {
    ended = true;
    if (queue.length === 0 && !busy) to.end();
  });
}
