CREATE TYPE "public"."member_status" AS ENUM('active', 'suspended');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.suspended';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.reactivated';--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "status" "member_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "suspended_at" timestamp with time zone;