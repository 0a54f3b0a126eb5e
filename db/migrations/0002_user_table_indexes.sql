DROP INDEX "memberships_organization_role_idx";--> statement-breakpoint
CREATE INDEX "invitations_organization_pending_sent_idx" ON "invitations" USING btree ("organization_id","last_sent_at") WHERE "invitations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "invitations_email_trgm_idx" ON "invitations" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "memberships_organization_role_created_idx" ON "memberships" USING btree ("organization_id","role","created_at");--> statement-breakpoint
CREATE INDEX "users_email_trgm_idx" ON "users" USING gin (lower("email") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "users_name_trgm_idx" ON "users" USING gin (lower(coalesce("name", '')) gin_trgm_ops);