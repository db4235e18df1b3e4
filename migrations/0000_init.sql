CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`email` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`person_id` text,
	`language` text DEFAULT 'en' NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_email_unique` ON `accounts` (`email`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`label` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_token_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`account_id` text,
	`organisation_id` text,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_subject_idx` ON `audit_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE TABLE `caseworker_assignments` (
	`account_id` text NOT NULL,
	`person_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`account_id`, `person_id`),
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_account_idx` ON `sessions` (`account_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`organisation_id` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`hit_id` text,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`detail` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hit_id`) REFERENCES `hits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alerts_person_idx` ON `alerts` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `alerts_hit_idx` ON `alerts` (`hit_id`,`kind`);--> statement-breakpoint
CREATE TABLE `case_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` text NOT NULL,
	`at` integer NOT NULL,
	`kind` text NOT NULL,
	`actor` text NOT NULL,
	`detail` text,
	FOREIGN KEY (`case_id`) REFERENCES `takedown_cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_events_case_idx` ON `case_events` (`case_id`,`at`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`alert_id` text,
	`channel` text NOT NULL,
	`target` text NOT NULL,
	`mode` text DEFAULT 'immediate' NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`alert_id`) REFERENCES `alerts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `deliveries_status_idx` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_alert_idx` ON `deliveries` (`alert_id`);--> statement-breakpoint
CREATE TABLE `takedown_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`hit_id` text NOT NULL,
	`status` text NOT NULL,
	`recipient` text,
	`bases` text NOT NULL,
	`language` text NOT NULL,
	`draft_subject` text,
	`draft_body` text,
	`sent_at` integer,
	`deadline_at` integer,
	`next_recheck_at` integer,
	`escalation_level` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`hit_id`) REFERENCES `hits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `takedown_cases_hit_id_unique` ON `takedown_cases` (`hit_id`);--> statement-breakpoint
CREATE INDEX `takedown_cases_deadline_idx` ON `takedown_cases` (`status`,`deadline_at`);--> statement-breakpoint
CREATE TABLE `captures` (
	`id` text PRIMARY KEY NOT NULL,
	`hit_id` text NOT NULL,
	`purpose` text NOT NULL,
	`outcome` text NOT NULL,
	`requested_url` text NOT NULL,
	`final_url` text,
	`http_status` integer,
	`server_ip` text,
	`headers` text,
	`title` text,
	`language` text,
	`artifacts` text NOT NULL,
	`captured_at` integer NOT NULL,
	`timestamp_token` text,
	FOREIGN KEY (`hit_id`) REFERENCES `hits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `captures_hit_idx` ON `captures` (`hit_id`);--> statement-breakpoint
CREATE TABLE `custody_log` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text NOT NULL,
	`detail` text NOT NULL,
	`prev_hash` text NOT NULL,
	`entry_hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `custody_log_subject_idx` ON `custody_log` (`subject_type`,`subject_id`);--> statement-breakpoint
CREATE TABLE `evidence_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`size_bytes` integer NOT NULL,
	`mime_type` text NOT NULL,
	`encrypted` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hits` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`url` text NOT NULL,
	`normalized_url` text NOT NULL,
	`final_url` text,
	`host` text NOT NULL,
	`title` text,
	`page_language` text,
	`status` text DEFAULT 'new' NOT NULL,
	`severity` text NOT NULL,
	`categories` text NOT NULL,
	`linkage` integer DEFAULT false NOT NULL,
	`reasons` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`last_scan_run_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `hits_person_url_unique` ON `hits` (`person_id`,`normalized_url`);--> statement-breakpoint
CREATE INDEX `hits_person_status_idx` ON `hits` (`person_id`,`status`);--> statement-breakpoint
CREATE TABLE `matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hit_id` text NOT NULL,
	`capture_id` text,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`found` text,
	`reason` text,
	`image_url` text,
	`photo_id` text,
	`distance` integer,
	`quality` real,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`hit_id`) REFERENCES `hits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`photo_id`) REFERENCES `photos`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `matches_hit_idx` ON `matches` (`hit_id`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`idempotency_key` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`max_attempts` integer DEFAULT 5 NOT NULL,
	`run_after` integer NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency_unique` ON `jobs` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `jobs_claim_idx` ON `jobs` (`status`,`run_after`);--> statement-breakpoint
CREATE INDEX `jobs_lease_idx` ON `jobs` (`status`,`lease_expires_at`);--> statement-breakpoint
CREATE TABLE `worker_heartbeats` (
	`worker_id` text PRIMARY KEY NOT NULL,
	`hostname` text NOT NULL,
	`pid` integer NOT NULL,
	`is_scheduler` integer DEFAULT false NOT NULL,
	`started_at` integer NOT NULL,
	`beat_at` integer NOT NULL,
	`stopped_at` integer,
	`detail` text
);
--> statement-breakpoint
CREATE TABLE `identifiers` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`normalized` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identifiers_unique` ON `identifiers` (`person_id`,`kind`,`normalized`);--> statement-breakpoint
CREATE TABLE `own_urls` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`url` text NOT NULL,
	`normalized_url` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `own_urls_unique` ON `own_urls` (`person_id`,`normalized_url`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`label` text NOT NULL,
	`language` text DEFAULT 'en' NOT NULL,
	`default_country` text DEFAULT 'BE' NOT NULL,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`schedule_cron` text NOT NULL,
	`schedule_enabled` integer DEFAULT true NOT NULL,
	`next_scan_at` integer,
	`last_scan_at` integer,
	`last_success_at` integer,
	`query_cursor` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `people_org_idx` ON `people` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `people_next_scan_idx` ON `people` (`next_scan_at`);--> statement-breakpoint
CREATE TABLE `person_engine_settings` (
	`person_id` text NOT NULL,
	`engine` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`detail` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `person_engine_settings_unique` ON `person_engine_settings` (`person_id`,`engine`);--> statement-breakpoint
CREATE TABLE `photo_hashes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`photo_id` text NOT NULL,
	`variant` text NOT NULL,
	`pdq` text NOT NULL,
	`quality` integer NOT NULL,
	FOREIGN KEY (`photo_id`) REFERENCES `photos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `photo_hashes_photo_idx` ON `photo_hashes` (`photo_id`);--> statement-breakpoint
CREATE TABLE `photos` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`label` text NOT NULL,
	`sha256` text NOT NULL,
	`pdq` text NOT NULL,
	`quality` integer NOT NULL,
	`blockhash` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`original_ref` text,
	`exif_findings` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `photos_unique` ON `photos` (`person_id`,`sha256`);--> statement-breakpoint
CREATE TABLE `reverse_image_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`photo_id` text NOT NULL,
	`engine` text NOT NULL,
	`granted_at` integer NOT NULL,
	`granted_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`photo_id`) REFERENCES `photos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reverse_image_consents_unique` ON `reverse_image_consents` (`photo_id`,`engine`);--> statement-breakpoint
CREATE TABLE `candidates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scan_run_id` text NOT NULL,
	`person_id` text NOT NULL,
	`url` text NOT NULL,
	`normalized_url` text NOT NULL,
	`engines` text NOT NULL,
	`title` text,
	`snippet` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`skip_reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`scan_run_id`) REFERENCES `scan_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `candidates_unique` ON `candidates` (`scan_run_id`,`normalized_url`);--> statement-breakpoint
CREATE TABLE `engine_status` (
	`engine` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`last_outcome` text,
	`last_signal` text,
	`blocked_since` integer,
	`suspended_until` integer,
	`last_ok_at` integer,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scan_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`engines` text NOT NULL,
	`allow_hosts` text NOT NULL,
	`rotation_cursor` integer DEFAULT 0 NOT NULL,
	`queries_planned` integer DEFAULT 0 NOT NULL,
	`queries_done` integer DEFAULT 0 NOT NULL,
	`candidates_found` integer DEFAULT 0 NOT NULL,
	`pages_visited` integer DEFAULT 0 NOT NULL,
	`pages_failed` integer DEFAULT 0 NOT NULL,
	`hits_new` integer DEFAULT 0 NOT NULL,
	`hits_seen` integer DEFAULT 0 NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	`started_at` integer,
	`searches_finished_at` integer,
	`finished_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scan_runs_person_idx` ON `scan_runs` (`person_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `search_outcomes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`scan_run_id` text NOT NULL,
	`engine` text NOT NULL,
	`query` text NOT NULL,
	`query_kind` text NOT NULL,
	`outcome` text NOT NULL,
	`signal` text,
	`result_count` integer DEFAULT 0 NOT NULL,
	`duration_ms` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`scan_run_id`) REFERENCES `scan_runs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `search_outcomes_run_idx` ON `search_outcomes` (`scan_run_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `search_outcomes_unique` ON `search_outcomes` (`scan_run_id`,`engine`,`query`);