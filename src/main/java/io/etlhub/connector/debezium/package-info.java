/**
 * The {@code debezium} connector kind: change data capture from a MySQL or MariaDB binlog with the
 * Debezium embedded engine, as the Camel endpoint {@code etlhub-cdc:<connector>?tables=...}.
 */
@org.springframework.modulith.NamedInterface("debezium")
package io.etlhub.connector.debezium;
