ALTER TABLE `alerts` ADD `seq` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_seq_idx` ON `alerts` (`seq`);--> statement-breakpoint
UPDATE `alerts` SET `seq` = rowid;
