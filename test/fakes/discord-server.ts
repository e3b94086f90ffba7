import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A small stand-in for Discord's REST API and gateway, so tests can drive the real discord.js
 * client: it records every REST request and lets a test inject gateway events. Only the routes
 * and payload fields the bot (and discord.js while parsing them) needs are served.
 */

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/api/v10/channels/1/messages`. */
  path: string;
  query: string;
  body: unknown;
  /** The status the fake answered with. */
  status: number;
  /** `performance.now()` when the request arrived. */
  at: number;
}

export interface GatewayPayload {
  op: number;
  d: unknown;
  /** `performance.now()` when the fake received it (added by the fake). */
  at?: number;
}

export interface FakeDiscordOptions {
  /** Close an IDENTIFY asking for privileged intents with 4014, as Discord does when they are not enabled. */
  refusePrivilegedIntents?: boolean;
  heartbeatIntervalMs?: number;
}

interface ScriptedRateLimit {
  matches: (method: string, path: string) => boolean;
  retryAfterSeconds: number;
}

interface Session {
  id: string;
  sequence: number;
}

interface FakeChannel {
  id: string;
  guildId: string;
  name: string;
  /** 0 = text channel, 11 = public thread. */
  type: 0 | 11;
  parentId?: string;
  ownerId?: string;
}

interface FakeRole {
  id: string;
  name: string;
  permissions: string;
}

interface FakeGuild {
  id: string;
  channelId: string;
  roles: FakeRole[];
}

/** Discord's Manage Messages permission bit. */
export const manageMessages = 1n << 13n;

const privilegedIntents = (1 << 1) | (1 << 8) | (1 << 15);

let nextSnowflake = 1_200_000_000_000_000_000n;
/** 19-digit ids, unique within the test process. */
export function snowflake(): string {
  nextSnowflake += 1n;
  return nextSnowflake.toString();
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Every gateway payload the client sent (IDENTIFY, RESUME, heartbeats…). */
  readonly gatewayReceived: GatewayPayload[] = [];
  readonly botUser = { id: snowflake(), username: 'verbatim', discriminator: '0', bot: true, global_name: null, avatar: null };
  readonly applicationId = this.botUser.id;
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  /** Roles of the default guild besides @everyone: one with Manage Messages, one without. */
  readonly roles = { moderators: snowflake(), factCheckers: snowflake() };
  /** Every message the fake knows (sent by users or by the bot), by id, as Discord would return it. */
  readonly messages = new Map<string, Record<string, unknown>>();
  readonly channels = new Map<string, FakeChannel>();

  private readonly guilds = new Map<string, FakeGuild>();
  private readonly interactions = new Map<string, { channelId: string; originalId: string }>();

  private readonly sockets = new Set<WebSocket>();
  private readonly sessions = new Map<string, Session>();
  private readonly socketSessions = new Map<WebSocket, Session>();
  private readonly rateLimits: ScriptedRateLimit[] = [];
  private readonly waiters: Array<() => void> = [];

  private constructor(
    private readonly server: Server,
    private readonly gateway: WebSocketServer,
    private readonly options: FakeDiscordOptions,
  ) {
    this.guilds.set(this.guildId, {
      id: this.guildId,
      channelId: this.channelId,
      roles: [
        { id: this.roles.moderators, name: 'Moderators', permissions: manageMessages.toString() },
        { id: this.roles.factCheckers, name: 'Fact checkers', permissions: '0' },
      ],
    });
    this.channels.set(this.channelId, { id: this.channelId, guildId: this.guildId, name: 'general', type: 0 });
  }

  /** Another server with its own text channel (make it known to the client with `createGuilds`). */
  addGuild(): { guildId: string; channelId: string } {
    const guildId = snowflake();
    const channelId = snowflake();
    this.guilds.set(guildId, { id: guildId, channelId, roles: [] });
    this.channels.set(channelId, { id: channelId, guildId, name: 'general', type: 0 });
    return { guildId, channelId };
  }

  /** Threads the bot opened, in the order it opened them. */
  get threads(): FakeChannel[] {
    return [...this.channels.values()].filter((channel) => channel.type === 11);
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    const gateway = new WebSocketServer({ noServer: true });
    const fake = new FakeDiscord(server, gateway, options);
    server.on('request', (request, response) => void fake.onRequest(request, response));
    server.on('upgrade', (request, socket, head) => {
      gateway.handleUpgrade(request, socket, head, (connection) => fake.onConnection(connection));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Gateway connections still open. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /** What to give discord.js as `rest.api`. */
  get restApi(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitForRequest(matches: (request: RecordedRequest) => boolean, timeoutMs = 10_000): Promise<RecordedRequest> {
    return this.waitFor(() => this.requests.find(matches), timeoutMs, 'REST request');
  }

  waitForGateway(matches: (payload: GatewayPayload) => boolean, timeoutMs = 10_000): Promise<GatewayPayload> {
    return this.waitFor(() => this.gatewayReceived.find(matches), timeoutMs, 'gateway payload');
  }

  /** The next request matching method and path fragment is answered 429 once. */
  rateLimitNext({ method, pathIncludes, retryAfterSeconds }: { method: string; pathIncludes: string; retryAfterSeconds: number }): void {
    this.rateLimits.push({
      matches: (requestMethod, path) => requestMethod === method && path.includes(pathIncludes),
      retryAfterSeconds,
    });
  }

  /** Drops every gateway connection with `code`; the client is expected to resume. */
  closeGateway(code = 4000): void {
    for (const socket of this.sockets) socket.close(code, 'closed by test');
  }

  /** Sends a dispatch event to every identified connection. */
  dispatch(type: string, data: unknown): void {
    for (const [socket, session] of this.socketSessions) {
      session.sequence += 1;
      socket.send(JSON.stringify({ op: 0, t: type, s: session.sequence, d: data }));
    }
  }

  /** Makes every guild known to the client, with its channels and active threads, as on connecting. */
  createGuilds(): void {
    for (const guildId of this.guilds.keys()) this.createGuild(guildId);
  }

  /** Makes one guild and its channels known to the client (needed before messages arrive). */
  createGuild(guildId = this.guildId): void {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`unknown guild ${guildId}`);
    const channels = [...this.channels.values()].filter((channel) => channel.guildId === guildId);
    this.dispatch('GUILD_CREATE', {
      id: guildId,
      name: `Guild ${guildId.slice(-4)}`,
      unavailable: false,
      owner_id: snowflake(),
      member_count: 2,
      large: false,
      features: [],
      emojis: [],
      stickers: [],
      roles: [{ id: guildId, name: '@everyone', permissions: '0' }, ...guild.roles].map((role, position) => ({
        ...role,
        position,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      })),
      members: [],
      channels: channels.filter((channel) => channel.type === 0).map((channel) => this.channelPayload(channel)),
      threads: channels.filter((channel) => channel.type === 11).map((channel) => this.channelPayload(channel)),
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      joined_at: new Date().toISOString(),
      preferred_locale: 'en-US',
    });
  }

  user(id = snowflake()) {
    return { id, username: `user${id.slice(-4)}`, discriminator: '0', global_name: null, avatar: null, bot: false };
  }

  /**
   * Sends a slash command (in the default channel unless `channelId` names another, or a thread);
   * `permissions` is what Discord computed for the member there. Returns the ids its responses carry.
   */
  sendSlashCommand({ name, options = [], ...asker }: { name: string; options?: unknown[] } & Asker) {
    return this.sendInteraction({ type: 2, data: { id: snowflake(), name, type: 1, options }, ...asker });
  }

  sendAutocomplete({ name, options, ...asker }: { name: string; options: unknown[] } & Asker) {
    return this.sendInteraction({ type: 4, data: { id: snowflake(), name, type: 1, options }, ...asker });
  }

  sendButtonClick({ customId, message, userId }: { customId: string; message: Record<string, unknown>; userId?: string }) {
    return this.sendInteraction({ type: 3, data: { custom_id: customId, component_type: 2 }, message, userId });
  }

  /** A user's message in the channel (or a thread); `mentionBot` adds the bot to `mentions`. */
  sendMessage({ content, channelId = this.channelId, mentionBot = false, userId, roles = [] }: { content: string; channelId?: string; mentionBot?: boolean; userId?: string; roles?: string[] }) {
    const id = snowflake();
    const author = this.user(userId);
    const guildId = this.channels.get(channelId)?.guildId ?? this.guildId;
    const message = this.messageFields({ id, channelId, author, content });
    this.messages.set(id, message);
    this.dispatch('MESSAGE_CREATE', {
      ...message,
      guild_id: guildId,
      member: { ...this.member(author), roles },
      mentions: mentionBot ? [this.botUser] : [],
    });
    return { id, channelId, author };
  }

  private sendInteraction({ type, data, message, userId, channelId = this.channelId, permissions = 0n, roles = [] }: { type: number; data: object; message?: unknown } & Asker) {
    const id = snowflake();
    const token = `interaction-token-${id}`;
    const user = this.user(userId);
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`unknown channel ${channelId}`);
    this.interactions.set(token, { channelId, originalId: snowflake() });
    this.dispatch('INTERACTION_CREATE', {
      id,
      application_id: this.applicationId,
      type,
      data: { ...data, guild_id: channel.guildId },
      message,
      guild_id: channel.guildId,
      channel_id: channelId,
      channel: this.channelPayload(channel),
      member: { ...this.member(user), roles, permissions: permissions.toString() },
      token,
      version: 1,
      locale: 'en-US',
      guild_locale: 'en-US',
      app_permissions: '0',
      entitlements: [],
      authorizing_integration_owners: {},
      context: 0,
      attachment_size_limit: 8_388_608,
    });
    return { id, token, user };
  }

  private channelPayload(channel: FakeChannel) {
    if (channel.type === 0) return { id: channel.id, type: 0, guild_id: channel.guildId, name: channel.name, position: 0, permission_overwrites: [] };
    return {
      id: channel.id,
      type: 11,
      guild_id: channel.guildId,
      parent_id: channel.parentId,
      owner_id: channel.ownerId,
      name: channel.name,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
      message_count: 0,
      member_count: 1,
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  private member(user: { id: string }) {
    return { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: '0' };
  }

  private messageFields({ id, channelId, author, content, body = {} }: { id: string; channelId: string; author: unknown; content: string; body?: Record<string, unknown> }) {
    return {
      id,
      channel_id: channelId,
      author,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      pinned: false,
      type: 0,
      flags: typeof body.flags === 'number' ? body.flags : 0,
    };
  }

  /** What the bot sent, kept so it can be fetched back (a thread's starter message after a restart). */
  private sentMessage(channelId: string, body: unknown, id = snowflake()) {
    const fields = (body ?? {}) as Record<string, unknown>;
    const content = typeof fields.content === 'string' ? fields.content : '';
    const message = this.messageFields({ id, channelId, author: this.botUser, content, body: fields });
    this.messages.set(id, message);
    return message;
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    const body = raw.length > 0 && (request.headers['content-type'] ?? '').includes('json') ? (JSON.parse(raw) as unknown) : raw || null;
    const record: RecordedRequest = { method, path, query: url.search, body, status: 200, at };
    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      this.requests.push(record);
      this.notify();
      if (payload === undefined) {
        response.writeHead(status, headers).end();
      } else {
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      }
    };

    const limitIndex = this.rateLimits.findIndex((limit) => limit.matches(method, path));
    const limit = this.rateLimits[limitIndex];
    if (limit) {
      this.rateLimits.splice(limitIndex, 1);
      const seconds = String(limit.retryAfterSeconds);
      send(
        429,
        { message: 'You are being rate limited.', retry_after: limit.retryAfterSeconds, global: false },
        {
          'retry-after': seconds,
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': seconds,
          'x-ratelimit-bucket': 'fake-bucket',
          'x-ratelimit-scope': 'user',
        },
      );
      return;
    }

    const route = path.replace(/^\/api\/v10/, '');
    let match: RegExpMatchArray | null;
    if (method === 'GET' && route === '/gateway/bot') {
      send(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    } else if (method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(route)) {
      send(204);
    } else if ((match = route.match(/^\/webhooks\/\d+\/([^/]+)\/messages\/([^/]+)$/))) {
      const interaction = this.interactions.get(match[1] ?? '');
      const messageId = match[2] === '%40original' ? interaction?.originalId : match[2];
      if (method === 'DELETE') send(204);
      else send(200, this.sentMessage(interaction?.channelId ?? this.channelId, body, messageId));
    } else if (method === 'POST' && (match = route.match(/^\/webhooks\/\d+\/([^/]+)$/))) {
      send(200, this.sentMessage(this.interactions.get(match[1] ?? '')?.channelId ?? this.channelId, body));
    } else if (method === 'POST' && (match = route.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/))) {
      const [, parentId = '', messageId = ''] = match;
      const name = typeof (body as { name?: unknown })?.name === 'string' ? (body as { name: string }).name : 'thread';
      const parent = this.channels.get(parentId);
      // A thread started from a message takes the message's id, as on Discord.
      const thread: FakeChannel = { id: messageId, guildId: parent?.guildId ?? this.guildId, name, type: 11, parentId, ownerId: this.botUser.id };
      this.channels.set(thread.id, thread);
      send(200, this.channelPayload(thread));
    } else if (method === 'GET' && (match = route.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      const message = this.messages.get(match[2] ?? '');
      if (message && message.channel_id === match[1]) send(200, message);
      else send(404, { message: 'Unknown Message', code: 10008 });
    } else if (method === 'GET' && (match = route.match(/^\/channels\/(\d+)$/))) {
      const channel = this.channels.get(match[1] ?? '');
      if (channel) send(200, this.channelPayload(channel));
      else send(404, { message: 'Unknown Channel', code: 10003 });
    } else if (method === 'POST' && /^\/channels\/\d+\/typing$/.test(route)) {
      send(204);
    } else if (method === 'POST' && (match = route.match(/^\/channels\/(\d+)\/messages$/))) {
      send(200, this.sentMessage(match[1] ?? this.channelId, body));
    } else if (method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(route)) {
      const commands = Array.isArray(body) ? body : [];
      send(200, commands.map((command: object) => ({ ...command, id: snowflake(), application_id: this.applicationId, version: snowflake() })));
    } else {
      send(404, { message: `Unknown route ${method} ${route}`, code: 0 });
    }
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.socketSessions.delete(socket);
    });
    socket.on('message', (raw) => {
      const payload = { ...(JSON.parse(String(raw)) as GatewayPayload), at: performance.now() };
      this.gatewayReceived.push(payload);
      this.notify();
      this.onGatewayPayload(socket, payload);
    });
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 } }));
  }

  private onGatewayPayload(socket: WebSocket, payload: GatewayPayload): void {
    if (payload.op === 1) {
      socket.send(JSON.stringify({ op: 11 }));
    } else if (payload.op === 2) {
      const { intents } = payload.d as { intents: number };
      if (this.options.refusePrivilegedIntents && (intents & privilegedIntents) !== 0) {
        socket.close(4014, 'Disallowed intent(s).');
        return;
      }
      const session: Session = { id: `session-${snowflake()}`, sequence: 0 };
      this.sessions.set(session.id, session);
      this.socketSessions.set(socket, session);
      session.sequence += 1;
      socket.send(
        JSON.stringify({
          op: 0,
          t: 'READY',
          s: session.sequence,
          d: {
            v: 10,
            user: this.botUser,
            guilds: [],
            session_id: session.id,
            resume_gateway_url: this.gatewayUrl,
            shard: [0, 1],
            application: { id: this.applicationId, flags: 0 },
          },
        }),
      );
    } else if (payload.op === 6) {
      const { session_id: sessionId } = payload.d as { session_id: string };
      const session = this.sessions.get(sessionId);
      if (!session) {
        socket.send(JSON.stringify({ op: 9, d: false }));
        return;
      }
      this.socketSessions.set(socket, session);
      session.sequence += 1;
      socket.send(JSON.stringify({ op: 0, t: 'RESUMED', s: session.sequence, d: {} }));
    }
  }

  private waitFor<T>(find: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = find();
        if (found === undefined) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for a ${what}`));
      }, timeoutMs);
      const waiter = () => {
        if (check()) this.waiters.splice(this.waiters.indexOf(waiter), 1);
      };
      if (!check()) this.waiters.push(waiter);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

/** Who sends an interaction, and where. */
interface Asker {
  userId?: string;
  /** A text channel or a thread the bot opened; the default guild's channel otherwise. */
  channelId?: string;
  /** The member's permissions in that channel, as Discord computes them for interactions. */
  permissions?: bigint;
  roles?: string[];
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
