/** The signing secret the browser suite gives its server for Resend's webhooks: a test server's, never a real one. */
export const E2E_WEBHOOK_SECRET = `whsec_${Buffer.from('aihub-e2e-webhook-secret-000000').toString('base64')}`;
