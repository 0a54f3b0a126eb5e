ALTER TYPE "public"."audit_action" ADD VALUE 'member.provisioned';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.directory_updated';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.detached';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'provisioning.enabled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'provisioning.disabled';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'provisioning.token_created';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'provisioning.token_deleted';--> statement-breakpoint
CREATE TABLE "scim_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scim_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
DROP INDEX "memberships_organization_created_idx";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "directory_managed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "external_id" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "scim_user_name" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "directory_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "scim_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_tokens" ADD CONSTRAINT "scim_tokens_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scim_tokens_organization_idx" ON "scim_tokens" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_organization_scim_user_name_idx" ON "memberships" USING btree ("organization_id","scim_user_name") WHERE scim_user_name IS NOT NULL;--> statement-breakpoint
CREATE INDEX "memberships_organization_external_id_idx" ON "memberships" USING btree ("organization_id","external_id");--> statement-breakpoint
CREATE INDEX "memberships_organization_created_idx" ON "memberships" USING btree ("organization_id","created_at","id");