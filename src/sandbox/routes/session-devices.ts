/** Session devices (ext): what the browser reported plus what the server observed, stored as given. */
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { assertNotRedacted, getSession } from '../lifecycle.js';
import { relationshipId, resourceInput } from '../request.js';
import { resourceResponse } from '../respond.js';
import { route } from '../router.js';
import { failIfScheduled } from '../scenarios.js';
import { deviceResource } from '../serialize.js';
import type { DeviceRecord } from '../store.js';
import { freeObject } from '../validate.js';

function create(ctx: Ctx): Response {
  const { attributes, relationships } = resourceInput(ctx.body, ['session_device']);
  const sessionId = relationshipId(relationships, 'session', 'session', true)!;
  const stored = { ...freeObject(attributes, '/data/attributes') };
  // Timestamps are the server's to set; a client value would be stored beside ours and confuse readers.
  delete stored.created_at;
  delete stored.redacted_at;
  const session = getSession(ctx.env, sessionId, '/data/relationships/session/data/id');
  assertNotRedacted(session);
  failIfScheduled(session.sandbox, 'create_session_device');
  const device: DeviceRecord = { id: ctx.env.newId('sdev'), session_id: session.id, attributes: stored, created_at: ctx.now, redacted_at: null };
  ctx.env.state.devices[device.id] = device;
  return resourceResponse(deviceResource(ctx, device), 201);
}

function get(ctx: Ctx): Response {
  const device = ctx.env.state.devices[ctx.params.id!];
  if (!device) throw notFound(`No session device ${ctx.params.id}.`);
  return resourceResponse(deviceResource(ctx, device));
}

export const sessionDeviceRoutes = [route('POST', '/identity/session-devices', create), route('GET', '/identity/session-devices/:id', get)];
