ALTER TYPE "public"."audit_action" ADD VALUE 'group.created' BEFORE 'domain.added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'group.updated' BEFORE 'domain.added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'group.members_changed' BEFORE 'domain.added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'group.deleted' BEFORE 'domain.added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'group.role_mapped' BEFORE 'domain.added';--> statement-breakpoint
CREATE TABLE "scim_group_members" (
	"group_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scim_group_members_group_id_membership_id_pk" PRIMARY KEY("group_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "scim_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"display_name" text NOT NULL,
	"external_id" text,
	"mapped_role" "invitation_role",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "memberships_organization_scim_user_name_idx";--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "scim_profile" jsonb;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "title" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "department" text;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "role_group_id" uuid;--> statement-breakpoint
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_group_id_scim_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."scim_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_group_members" ADD CONSTRAINT "scim_group_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scim_groups" ADD CONSTRAINT "scim_groups_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "scim_group_members_membership_idx" ON "scim_group_members" USING btree ("membership_id");--> statement-breakpoint
CREATE UNIQUE INDEX "scim_groups_organization_display_name_idx" ON "scim_groups" USING btree ("organization_id",lower("display_name"));--> statement-breakpoint
CREATE INDEX "scim_groups_organization_external_id_idx" ON "scim_groups" USING btree ("organization_id","external_id");--> statement-breakpoint
CREATE INDEX "scim_groups_organization_created_idx" ON "scim_groups" USING btree ("organization_id","created_at","id");--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_role_group_id_scim_groups_id_fk" FOREIGN KEY ("role_group_id") REFERENCES "public"."scim_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_organization_scim_user_name_lower_idx" ON "memberships" USING btree ("organization_id",lower("scim_user_name")) WHERE scim_user_name IS NOT NULL;--> statement-breakpoint
CREATE INDEX "memberships_organization_department_idx" ON "memberships" USING btree ("organization_id","department");