CREATE TYPE "public"."email_kind" AS ENUM('invitation', 'role_changed', 'removed', 'ownership_transferred');--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'sending';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'retrying';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'delivered';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'bounced';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'complained';--> statement-breakpoint
ALTER TYPE "public"."delivery_status" ADD VALUE 'delayed';--> statement-breakpoint
CREATE TABLE "email_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"provider_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "email_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"invitation_id" uuid,
	"kind" "email_kind" NOT NULL,
	"recipient" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" "delivery_status" DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"error" text,
	"batch_key" uuid,
	"provider_id" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_messages" ADD CONSTRAINT "email_messages_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_provider_id_idx" ON "email_messages" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "email_messages_invitation_idx" ON "email_messages" USING btree ("invitation_id");--> statement-breakpoint
CREATE INDEX "email_messages_batch_idx" ON "email_messages" USING btree ("batch_key");