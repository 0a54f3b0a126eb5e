// The verified-domain actions and the development DNS page's, called directly with Next's request APIs
// and the session mocked: who may call them, the refusals they answer with, what they revalidate, and
// the whole path a newcomer takes: add, publish in the development resolver, verify.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PersonActor as Actor } from '@/lib/shared/actor';

const { actionMocks: mocks, unchecked } = await vi.hoisted(() => import('../support/action-mocks'));

import {
  addDomainAction,
  removeDomainAction,
  setJoinPolicyAction,
  verifyDomainAction,
} from '@/app/actions/domains';
import { deleteDevelopmentRecordAction, publishDevelopmentRecordAction } from '@/app/actions/development-dns';
import { listDomains } from '@/lib/domains/manage';
import { listDevelopmentRecords } from '@/lib/domains/development-records';
import { recordPeerAddresses, PEER_ADDRESS_HEADER } from '@/lib/http/peer-address';
import { useTestDatabase } from '../support/db';
import { addMember, createOrganizationWithOwner } from '../support/factories';
import { auditActions } from '../support/state';

useTestDatabase();

const APP_URL = 'http://localhost:3000';

beforeEach(() => {
  mocks.actor = null;
  mocks.requestHeaders = {};
  mocks.revalidatePath.mockClear();
  vi.stubEnv('AUTH_URL', undefined);
  vi.stubEnv('APP_URL', APP_URL);
  vi.stubEnv('EMAIL_TRANSPORT', 'mailbox');
  vi.stubEnv('RESEND_API_KEY', undefined);
  vi.stubEnv('DNS_SERVERS', 'development');
});

function signInAs(actor: Actor | null) {
  mocks.actor = actor;
}

/** A request from a browser on this machine, naming the public URL's host: where /dev/dns opens. */
function fromThisMachine() {
  recordPeerAddresses();
  mocks.requestHeaders = { host: 'localhost:3000', [PEER_ADDRESS_HEADER]: '127.0.0.1' };
}

function fieldsOf(result: { ok: boolean; error?: { details?: Record<string, unknown> } }) {
  return (result.error?.details?.fields ?? {}) as Record<string, string>;
}

function errorOf(result: { ok: boolean; error?: { code: string; message: string } }) {
  expect(result.ok, 'refused').toBe(false);
  return result.error!;
}

describe('domain actions', () => {
  it('an Owner adds a domain, publishes its record in the development DNS and verifies it: Pending, then Verified, audited', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const added = await addDomainAction({ organizationId: organization.id, domain: 'acme-widgets.com' });
    if (!added.ok) throw new Error(added.error.message);
    expect(added.data).toMatchObject({
      domain: 'acme-widgets.com',
      status: 'pending',
      joinPolicy: 'off',
      record: { type: 'TXT', name: '_ai-hub-verification.acme-widgets.com' },
    });
    expect(mocks.revalidatePath).toHaveBeenCalledWith('/admin/[org]/domains', 'page');

    const missing = await verifyDomainAction({ organizationId: organization.id, domainId: added.data.id });
    expect(missing).toMatchObject({ ok: true, data: { check: 'missing', domain: { status: 'pending' } } });

    fromThisMachine();
    const published = await publishDevelopmentRecordAction({
      name: `${added.data.record.name.toUpperCase()}.`,
      value: added.data.record.value,
    });
    expect(published, 'the name is read as DNS reads it: any case, a trailing dot').toMatchObject({
      ok: true,
      data: { name: added.data.record.name },
    });
    const found = await verifyDomainAction({ organizationId: organization.id, domainId: added.data.id });
    expect(found).toMatchObject({ ok: true, data: { check: 'found', domain: { status: 'verified' } } });
    expect((await auditActions(organization.id)).map((event) => event.action)).toEqual(
      expect.arrayContaining(['domain.added', 'domain.verified']),
    );
  });

  it('the join policy changes and the domain is removed by an Owner, each audited with the domain', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const added = await addDomainAction({ organizationId: organization.id, domain: 'acme-tools.com' });
    if (!added.ok) throw new Error(added.error.message);
    const ids = { organizationId: organization.id, domainId: added.data.id };
    expect(await setJoinPolicyAction({ ...ids, policy: 'suggest' })).toMatchObject({
      ok: true,
      data: { joinPolicy: 'suggest' },
    });
    expect((await removeDomainAction(ids)).ok).toBe(true);
    expect(await listDomains(owner, organization.id)).toEqual([]);
    const events = await auditActions(organization.id);
    expect(events.find((event) => event.action === 'domain.join_policy_changed')?.details).toMatchObject({
      domain: 'acme-tools.com',
      from: 'off',
      to: 'suggest',
    });
    expect(events.find((event) => event.action === 'domain.removed')?.details).toMatchObject({
      domain: 'acme-tools.com',
    });
  });

  it('an Admin sees the domains but adding, verifying, changing the join policy and removing each answer FORBIDDEN', async () => {
    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const added = await addDomainAction({ organizationId: organization.id, domain: 'acme-parts.com' });
    if (!added.ok) throw new Error(added.error.message);
    const admin = await addMember(organization.id, 'admin');
    signInAs(admin);
    const ids = { organizationId: organization.id, domainId: added.data.id };
    expect((await listDomains(admin, organization.id)).map((domain) => domain.domain)).toEqual([
      'acme-parts.com',
    ]);
    for (const result of [
      await addDomainAction({ organizationId: organization.id, domain: 'acme-more.com' }),
      await verifyDomainAction(ids),
      await setJoinPolicyAction({ ...ids, policy: 'automatic' }),
      await removeDomainAction(ids),
    ])
      expect(errorOf(result).code).toBe('FORBIDDEN');
    expect((await listDomains(owner, organization.id))[0]).toMatchObject({
      status: 'pending',
      joinPolicy: 'off',
    });
  });

  it('refusals answer their code and a sentence: a consumer mail domain, a public suffix, a domain already added, another organization’s (unnamed), an empty field', async () => {
    const { organization: rival, owner: rivalOwner } = await createOrganizationWithOwner('Rival Corp');
    signInAs(rivalOwner);
    const theirs = await addDomainAction({ organizationId: rival.id, domain: 'rival-example.com' });
    if (!theirs.ok) throw new Error(theirs.error.message);
    fromThisMachine();
    await publishDevelopmentRecordAction(theirs.data.record);
    expect((await verifyDomainAction({ organizationId: rival.id, domainId: theirs.data.id })).ok).toBe(true);

    const { organization, owner } = await createOrganizationWithOwner();
    signInAs(owner);
    const add = (domain: string) => addDomainAction({ organizationId: organization.id, domain });
    expect(errorOf(await add('gmail.com')).code).toBe('DOMAIN_CONSUMER');
    expect(errorOf(await add('co.uk')).code).toBe('DOMAIN_PUBLIC_SUFFIX');
    const taken = errorOf(await add('rival-example.com'));
    expect(taken.code).toBe('DOMAIN_TAKEN');
    expect(taken.message).not.toContain('Rival Corp');
    expect((await add('acme-once.com')).ok).toBe(true);
    expect(errorOf(await add('acme-once.com')).code).toBe('DOMAIN_EXISTS');
    const blank = await add('   ');
    expect(blank).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        details: { fields: { domain: 'Enter a domain, such as example.com.' } },
      },
    });
    expect(
      errorOf(
        await unchecked(setJoinPolicyAction)({
          organizationId: organization.id,
          domainId: theirs.data.id,
          policy: 'always',
        }),
      ).code,
    ).toBe('INVALID_INPUT');
  });
});

describe('development DNS actions', () => {
  it('publish and delete work from a browser on this machine while the development resolver is on', async () => {
    fromThisMachine();
    const published = await publishDevelopmentRecordAction({ name: '_probe.acme.test', value: 'hello' });
    if (!published.ok) throw new Error(published.error.message);
    expect((await listDevelopmentRecords()).map((record) => record.value)).toContain('hello');
    expect((await deleteDevelopmentRecordAction({ id: published.data.id })).ok).toBe(true);
    expect((await listDevelopmentRecords()).map((record) => record.value)).not.toContain('hello');
  });

  it('answer NOT_FOUND, as the page is a 404, with another resolver, or from another machine', async () => {
    fromThisMachine();
    vi.stubEnv('DNS_SERVERS', '127.0.0.1');
    expect(errorOf(await publishDevelopmentRecordAction({ name: 'a.test', value: 'x' })).code).toBe(
      'NOT_FOUND',
    );
    vi.stubEnv('DNS_SERVERS', 'development');
    mocks.requestHeaders = { host: 'localhost:3000', [PEER_ADDRESS_HEADER]: '203.0.113.9' };
    expect(errorOf(await publishDevelopmentRecordAction({ name: 'a.test', value: 'x' })).code).toBe(
      'NOT_FOUND',
    );
    expect(await listDevelopmentRecords()).toEqual([]);
  });

  it('a name that is not a DNS name is refused with DNS_RECORD_INVALID; an empty or too long value in its own field', async () => {
    fromThisMachine();
    const badName = await publishDevelopmentRecordAction({ name: 'not a name', value: 'x' });
    expect(errorOf(badName).code).toBe('DNS_RECORD_INVALID');
    for (const value of ['  ', 'x'.repeat(1001)]) {
      const result = await publishDevelopmentRecordAction({ name: '_probe.acme.test', value });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(Object.keys(fieldsOf(result))).toEqual(['value']);
    }
    expect(await listDevelopmentRecords()).toEqual([]);
  });
});
