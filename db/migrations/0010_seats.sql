ALTER TYPE "public"."audit_action" ADD VALUE 'organization.seat_limit_changed' BEFORE 'invitation.sent';--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "seat_limit" integer;--> statement-breakpoint
CREATE INDEX "memberships_organization_status_idx" ON "memberships" USING btree ("organization_id","status");