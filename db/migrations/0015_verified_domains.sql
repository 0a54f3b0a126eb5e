CREATE TYPE "public"."domain_check" AS ENUM('found', 'wrong_value', 'missing', 'unreachable');--> statement-breakpoint
CREATE TYPE "public"."domain_status" AS ENUM('pending', 'verified', 'failing', 'removed');--> statement-breakpoint
CREATE TYPE "public"."join_policy" AS ENUM('off', 'suggest', 'automatic');--> statement-breakpoint
CREATE TYPE "public"."join_request_status" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'domain.added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'domain.verified';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'domain.failing';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'domain.unverified';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'domain.removed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'domain.join_policy_changed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'join.requested';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'join.approved';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'join.declined';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'member.joined';--> statement-breakpoint
ALTER TYPE "public"."email_kind" ADD VALUE 'domain_failing';--> statement-breakpoint
CREATE TABLE "development_dns_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "join_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"status" "join_request_status" DEFAULT 'pending' NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"token" text NOT NULL,
	"status" "domain_status" DEFAULT 'pending' NOT NULL,
	"join_policy" "join_policy" DEFAULT 'off' NOT NULL,
	"verified_at" timestamp with time zone,
	"last_checked_at" timestamp with time zone,
	"last_check" "domain_check",
	"last_seen_at" timestamp with time zone,
	"failing_since" timestamp with time zone,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "join_requests" ADD CONSTRAINT "join_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_domains" ADD CONSTRAINT "organization_domains_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "development_dns_records_name_idx" ON "development_dns_records" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "join_requests_open_idx" ON "join_requests" USING btree ("organization_id","user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "join_requests_organization_status_idx" ON "join_requests" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "join_requests_user_idx" ON "join_requests" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_organization_domain_idx" ON "organization_domains" USING btree ("organization_id","domain");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_domains_counting_idx" ON "organization_domains" USING btree ("domain") WHERE status IN ('verified', 'failing');--> statement-breakpoint
CREATE INDEX "organization_domains_status_checked_idx" ON "organization_domains" USING btree ("status","last_checked_at");