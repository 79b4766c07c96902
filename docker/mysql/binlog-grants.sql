-- The hub reads the binlog (Debezium) as etlhub: replication rights besides the database's own.
GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'etlhub'@'%';
FLUSH PRIVILEGES;
