CREATE TABLE `engine_pacing` (
	`engine` text PRIMARY KEY NOT NULL,
	`next_at` integer NOT NULL,
	`busy_until` integer NOT NULL,
	`holder` text
);
--> statement-breakpoint
CREATE TABLE `service_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`expires_at` integer NOT NULL
);
