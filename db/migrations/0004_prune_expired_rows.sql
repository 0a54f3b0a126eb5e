-- Buckets written before this migration get the end of the longest window in use so far (one hour: the
-- organization's invitation cap and sign-in emails; link attempts are per minute), so that the column
-- can be NOT NULL and they are pruned once no limit can read them.
ALTER TABLE "rate_limit_buckets" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
UPDATE "rate_limit_buckets" SET "expires_at" = "window_start" + interval '1 hour';--> statement-breakpoint
ALTER TABLE "rate_limit_buckets" ALTER COLUMN "expires_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_limit_buckets_expires_at_idx" ON "rate_limit_buckets" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "sessions_expires_idx" ON "sessions" USING btree ("expires");--> statement-breakpoint
CREATE INDEX "verification_tokens_expires_idx" ON "verification_tokens" USING btree ("expires");
