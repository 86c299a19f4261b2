DROP TABLE change_cursors;
DROP TABLE change_log;
DROP TABLE change_seq;
