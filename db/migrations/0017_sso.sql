CREATE TYPE "public"."sign_in_method" AS ENUM('email', 'sso');--> statement-breakpoint
CREATE TYPE "public"."sso_protocol" AS ENUM('saml', 'oidc');--> statement-breakpoint
CREATE TYPE "public"."sso_request_purpose" AS ENUM('sign_in', 'test');--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.connection_added';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.connection_changed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.connection_removed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.tested';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.signed_in';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.joined';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.refused';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.required_changed';--> statement-breakpoint
ALTER TYPE "public"."audit_action" ADD VALUE 'sso.break_glass_changed';--> statement-breakpoint
ALTER TYPE "public"."email_kind" ADD VALUE 'sso_certificate_expiring';--> statement-breakpoint
CREATE TABLE "sso_assertions" (
	"connection_id" uuid NOT NULL,
	"assertion_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sso_assertions_connection_id_assertion_id_pk" PRIMARY KEY("connection_id","assertion_id")
);
--> statement-breakpoint
CREATE TABLE "sso_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"protocol" "sso_protocol" NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"default_role" "invitation_role" DEFAULT 'member' NOT NULL,
	"just_in_time" boolean DEFAULT true NOT NULL,
	"allow_idp_initiated" boolean DEFAULT false NOT NULL,
	"saml_entity_id" text,
	"saml_sso_url" text,
	"saml_certificates" text[] DEFAULT '{}'::text[] NOT NULL,
	"saml_metadata_url" text,
	"oidc_issuer" text,
	"oidc_client_id" text,
	"oidc_client_secret" text,
	"last_tested_at" timestamp with time zone,
	"last_test" jsonb,
	"test_passed_at" timestamp with time zone,
	"expiry_warned" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sso_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"purpose" "sso_request_purpose" NOT NULL,
	"callback_path" text DEFAULT '/' NOT NULL,
	"code_verifier" text,
	"nonce" text,
	"browser_binding" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "sso_break_glass" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "sso_signed_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "require_sso" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "method" "sign_in_method" DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "sso_assertions" ADD CONSTRAINT "sso_assertions_connection_id_sso_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."sso_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_connections" ADD CONSTRAINT "sso_connections_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_requests" ADD CONSTRAINT "sso_requests_connection_id_sso_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."sso_connections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sso_requests" ADD CONSTRAINT "sso_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sso_assertions_expires_idx" ON "sso_assertions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sso_connections_organization_idx" ON "sso_connections" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sso_connections_one_enabled_idx" ON "sso_connections" USING btree ("organization_id") WHERE enabled;--> statement-breakpoint
CREATE INDEX "sso_requests_expires_idx" ON "sso_requests" USING btree ("expires_at");