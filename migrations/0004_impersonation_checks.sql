CREATE TABLE `impersonation_checks` (
	`id` text PRIMARY KEY NOT NULL,
	`scan_run_id` text NOT NULL,
	`person_id` text NOT NULL,
	`site_id` text NOT NULL,
	`list_version` text NOT NULL,
	`probe_key` text NOT NULL,
	`url` text NOT NULL,
	`handle` text NOT NULL,
	`identifier` text NOT NULL,
	`source` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`reason` text,
	`http_status` integer,
	`hit_id` text,
	`created_at` integer NOT NULL,
	`checked_at` integer,
	FOREIGN KEY (`scan_run_id`) REFERENCES `scan_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hit_id`) REFERENCES `hits`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `impersonation_checks_probe_unique` ON `impersonation_checks` (`scan_run_id`,`probe_key`);--> statement-breakpoint
CREATE INDEX `impersonation_checks_run_status_idx` ON `impersonation_checks` (`scan_run_id`,`status`);