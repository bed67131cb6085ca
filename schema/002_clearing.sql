-- Clearing: settlement file chunks are stored lz4-compressed.
-- The day's CLR1/RJT1/STL1 files are fixed-width digit text that lz4 shrinks about 2.5 times
-- (measured on a 10 M record day: 2.4 GiB of files). Storing them uncompressed cost more in
-- WAL and TOAST writing inside the settle transaction than lz4 costs in CPU; readers
-- (GET /v1/files, settle's re-verification) get the same bytes back, decompressed by the server.
ALTER TABLE settlement_file_chunk ALTER COLUMN bytes SET STORAGE EXTENDED;
ALTER TABLE settlement_file_chunk ALTER COLUMN bytes SET COMPRESSION lz4;
