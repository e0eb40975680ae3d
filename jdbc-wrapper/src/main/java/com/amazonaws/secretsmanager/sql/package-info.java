/**
 * JDBC drivers that take database credentials from AWS Secrets Manager: {@code jdbc-secretsmanager:} URLs or a bare
 * secret ID as the URL, for MySQL, MariaDB, PostgreSQL, Redshift, Oracle, SQL Server and Db2, connecting through
 * password rotations. Classes in the {@code internal} subpackage are not API.
 */
package com.amazonaws.secretsmanager.sql;
