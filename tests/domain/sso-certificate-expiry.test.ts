// The daily check of SAML signing certificates (lib/sso/expiry.ts): a certificate within 30 days of
// expiry gets one email to each active Owner, once; a new certificate is warned about in its turn; one
// far off is not; every connection is read once past the batch size; and the job is scheduled daily.
import { eq } from 'drizzle-orm';
import { generate } from 'selfsigned';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { memberships, ssoConnections } from '@/db/schema';
import { now } from '@/lib/clock';
import { emailFor } from '@/lib/email/render-queued';
import { getBoss, startJobs } from '@/lib/jobs';
import { SSO_CERTIFICATE_EXPIRY_QUEUE } from '@/lib/jobs/queues';
import { describeCertificate } from '@/lib/sso/certificates';
import { CERTIFICATE_EXPIRY_BATCH, runCertificateExpiry } from '@/lib/sso/expiry';
import { useTestDatabase } from '../support/db';
import { organizationWithStaff, queuedEmails } from '../support/domains';
import { addMember } from '../support/factories';
import { connectionRow, insertConnection } from '../support/sso';

useTestDatabase();

const DAY = 24 * 60 * 60 * 1000;
let began = now();
beforeEach(() => {
  began = now();
});
const later = (days: number) => new Date(began.getTime() + days * DAY);

/** A self-signed certificate (PEM) valid from a day ago until `days` from the test's start. */
async function certificateExpiringIn(days: number, commonName = 'idp.corp.example') {
  const { cert } = await generate([{ name: 'commonName', value: commonName }], {
    keyType: 'ec',
    curve: 'P-256',
    notBeforeDate: later(-1),
    notAfterDate: later(days),
  });
  return cert;
}

function fingerprintOf(pem: string) {
  return describeCertificate(pem)!.fingerprint;
}

/** A SAML connection (off: several may share an organization) with `certificates`. */
function samlConnection(organizationId: string, certificates: string[], name = 'Okta') {
  return insertConnection(organizationId, {
    name,
    enabled: false,
    samlEntityId: 'https://idp.corp.example/entity',
    samlSsoUrl: 'https://idp.corp.example/sso',
    samlCertificates: certificates,
  });
}

async function setCertificates(id: string, certificates: string[]) {
  const db = await getDb();
  await db.update(ssoConnections).set({ samlCertificates: certificates }).where(eq(ssoConnections.id, id));
}

async function warnedOf(id: string) {
  return (await connectionRow(id)).expiryWarned;
}

/** A queued certificate email as the worker would send it. */
async function rendered(email: { recipient: string; payload: Record<string, unknown> }) {
  const message = { id: 'm1', kind: 'sso_certificate_expiring', ...email };
  const sent = await emailFor(message, new Map());
  if (typeof sent === 'string') throw new Error(sent);
  return sent;
}

/** An organization with two active Owners, a suspended Owner, an Admin and a Member. */
async function organizationWithOwners() {
  const staff = await organizationWithStaff('Acme');
  const secondOwner = await addMember(staff.orgId, 'owner');
  const suspendedOwner = await addMember(staff.orgId, 'owner');
  const db = await getDb();
  await db
    .update(memberships)
    .set({ status: 'suspended' })
    .where(eq(memberships.id, suspendedOwner.membershipId));
  return { ...staff, secondOwner, suspendedOwner };
}

describe('the daily certificate check', () => {
  it('a certificate expiring within 30 days: one email to each active Owner (not the suspended Owner, the Admin or the Member), naming the organization, connection, certificate and SSO page; recorded as warned', async () => {
    const { orgId, organization, owner, secondOwner } = await organizationWithOwners();
    const expiring = await certificateExpiringIn(20, 'okta-signing.corp.example');
    const farOff = await certificateExpiringIn(400);
    const connection = await samlConnection(orgId, [expiring, farOff]);

    const counts = await runCertificateExpiry(later(0));
    expect(counts).toEqual({ connections: 1, warned: 1, emails: 2, errors: 0 });
    const emails = await queuedEmails('sso_certificate_expiring');
    expect(emails.map((e) => e.recipient)).toEqual([owner.email, secondOwner.email].sort());
    expect(emails[0].payload).toMatchObject({
      organizationName: 'Acme',
      organizationSlug: organization.slug,
      connectionName: 'Okta',
      fingerprint: fingerprintOf(expiring),
      expiresAt: describeCertificate(expiring)!.notAfter.toISOString(),
      expired: false,
    });
    expect(await warnedOf(connection.id)).toEqual([fingerprintOf(expiring)]);

    const email = await rendered(emails[0]);
    expect(email.subject).toMatch(/^The signing certificate of Okta expires on .+ \(Acme\)$/);
    expect(email.text).toContain('CN=okta-signing.corp.example');
    expect(email.text).toContain(fingerprintOf(expiring));
    expect(email.text).toContain(`/admin/${organization.slug}/sso`);
    expect(email.text).toMatch(/upload its new metadata/);
  });

  it('warns once: the next runs, while the certificate is still there, send nothing', async () => {
    const { orgId } = await organizationWithOwners();
    await samlConnection(orgId, [await certificateExpiringIn(20)]);
    await runCertificateExpiry(later(0));
    expect(await runCertificateExpiry(later(1))).toMatchObject({ connections: 1, warned: 0, emails: 0 });
    // Past its expiry too: it was warned about already.
    expect((await runCertificateExpiry(later(25))).emails).toBe(0);
    expect(await queuedEmails('sso_certificate_expiring')).toHaveLength(2);
  });

  it('a new certificate (the rotation) is warned about in its turn, and the old fingerprint leaves the list with its certificate', async () => {
    const { orgId } = await organizationWithOwners();
    const first = await certificateExpiringIn(20);
    const connection = await samlConnection(orgId, [first]);
    await runCertificateExpiry(later(0));
    const next = await certificateExpiringIn(25, 'next.corp.example');
    // Both active during the rotation: only the new one is due a warning.
    await setCertificates(connection.id, [first, next]);
    expect(await runCertificateExpiry(later(1))).toMatchObject({ warned: 1, emails: 2 });
    expect(await warnedOf(connection.id)).toEqual([fingerprintOf(first), fingerprintOf(next)]);
    // The old one gone and another come: the old fingerprint is forgotten with its certificate, so the
    // list is never longer than the certificates.
    const another = await certificateExpiringIn(10, 'another.corp.example');
    await setCertificates(connection.id, [next, another]);
    expect(await runCertificateExpiry(later(2))).toMatchObject({ warned: 1, emails: 2 });
    expect(await warnedOf(connection.id)).toEqual([fingerprintOf(next), fingerprintOf(another)]);
    const fingerprints = (await queuedEmails('sso_certificate_expiring')).map((e) => e.payload.fingerprint);
    expect(new Set(fingerprints)).toEqual(new Set([first, next, another].map(fingerprintOf)));
    expect(fingerprints).toHaveLength(6);
  });

  it('a certificate far from expiry is not warned about until it is within 30 days', async () => {
    const { orgId } = await organizationWithOwners();
    const connection = await samlConnection(orgId, [await certificateExpiringIn(60)]);
    expect(await runCertificateExpiry(later(0))).toMatchObject({ connections: 1, warned: 0, emails: 0 });
    expect(await runCertificateExpiry(later(29))).toMatchObject({ warned: 0 });
    expect(await warnedOf(connection.id)).toEqual([]);
    expect(await runCertificateExpiry(later(30.5))).toMatchObject({ warned: 1, emails: 2 });
  });

  it('an already expired certificate is warned about as expired', async () => {
    const { orgId } = await organizationWithOwners();
    await samlConnection(orgId, [await certificateExpiringIn(5)]);
    await runCertificateExpiry(later(6));
    const [email] = await queuedEmails('sso_certificate_expiring');
    expect(email.payload.expired).toBe(true);
    expect((await rendered(email)).subject).toMatch(/expired on/);
  });

  it('OpenID Connect connections, and certificates that do not parse, are left alone', async () => {
    const { orgId } = await organizationWithOwners();
    const db = await getDb();
    await db.insert(ssoConnections).values({
      organizationId: orgId,
      protocol: 'oidc',
      name: 'Entra',
      samlCertificates: [await certificateExpiringIn(3)],
    });
    await samlConnection(orgId, ['not a certificate'], 'Broken');
    expect(await runCertificateExpiry(later(0))).toEqual({ connections: 1, warned: 0, emails: 0, errors: 0 });
  });

  it('reads every SAML connection once, past the batch size', async () => {
    const { orgId } = await organizationWithOwners();
    const pem = await certificateExpiringIn(20);
    const db = await getDb();
    const total = CERTIFICATE_EXPIRY_BATCH + 30;
    await db.insert(ssoConnections).values(
      Array.from({ length: total }, (_, i) => ({
        organizationId: orgId,
        protocol: 'saml' as const,
        name: `Connection ${i}`,
        samlCertificates: [pem],
      })),
    );
    expect(await runCertificateExpiry(later(0))).toEqual({
      connections: total,
      warned: total,
      emails: 2 * total,
      errors: 0,
    });
    expect((await runCertificateExpiry(later(1))).emails).toBe(0);
  });

  it('is scheduled daily on its own queue when the jobs start', async () => {
    await startJobs({ work: false });
    const schedules = await (await getBoss()).getSchedules();
    expect(schedules.find((s) => s.name === SSO_CERTIFICATE_EXPIRY_QUEUE)).toMatchObject({
      cron: '47 4 * * *',
      timezone: 'UTC',
    });
  });
});
