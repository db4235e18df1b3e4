ALTER TABLE "alerts" ADD COLUMN "seq" integer;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_seq_idx" ON "alerts" USING btree ("seq");