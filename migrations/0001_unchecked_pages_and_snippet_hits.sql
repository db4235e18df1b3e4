CREATE TABLE `candidate_results` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`candidate_id` integer NOT NULL,
	`search_outcome_id` integer NOT NULL,
	`engine` text NOT NULL,
	`title` text,
	`snippet` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`candidate_id`) REFERENCES `candidates`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`search_outcome_id`) REFERENCES `search_outcomes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `candidate_results_candidate_idx` ON `candidate_results` (`candidate_id`);--> statement-breakpoint
CREATE TABLE `hit_snippets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hit_id` text NOT NULL,
	`scan_run_id` text,
	`engine` text NOT NULL,
	`search_outcome_id` integer,
	`title` text,
	`snippet` text,
	`seen_at` integer NOT NULL,
	FOREIGN KEY (`hit_id`) REFERENCES `hits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hit_snippets_hit_idx` ON `hit_snippets` (`hit_id`);--> statement-breakpoint
CREATE TABLE `unchecked_pages` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`url` text NOT NULL,
	`normalized_url` text NOT NULL,
	`host` text NOT NULL,
	`reason` text NOT NULL,
	`http_status` integer,
	`last_path` text NOT NULL,
	`retries_done` integer DEFAULT 0 NOT NULL,
	`next_retry_at` integer,
	`last_scan_run_id` text,
	`first_seen_at` integer NOT NULL,
	`last_tried_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unchecked_pages_person_url_unique` ON `unchecked_pages` (`person_id`,`normalized_url`);--> statement-breakpoint
CREATE INDEX `unchecked_pages_retry_idx` ON `unchecked_pages` (`next_retry_at`);--> statement-breakpoint
ALTER TABLE `hits` ADD `source` text DEFAULT 'page' NOT NULL;--> statement-breakpoint
ALTER TABLE `scan_runs` ADD `pages_unchecked` integer DEFAULT 0 NOT NULL;