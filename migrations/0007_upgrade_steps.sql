CREATE TABLE `upgrade_steps` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`completed_at` integer NOT NULL
);
