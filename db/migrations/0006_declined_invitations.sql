ALTER TYPE "public"."invitation_status" ADD VALUE 'declined';--> statement-breakpoint
DROP INDEX "invitations_organization_pending_sent_idx";--> statement-breakpoint
CREATE INDEX "invitations_organization_listed_created_idx" ON "invitations" USING btree ("organization_id","created_at") WHERE "invitations"."status" not in ('accepted', 'revoked');