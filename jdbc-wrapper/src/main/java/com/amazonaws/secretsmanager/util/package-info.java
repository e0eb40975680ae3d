/**
 * The AWS driver's configuration helpers, kept for code written against them: {@link
 * com.amazonaws.secretsmanager.util.Config} (the {@code secretsmanager.properties} file over system properties),
 * {@link com.amazonaws.secretsmanager.util.JDBCSecretCacheBuilderProvider} (a Secrets Manager client builder from
 * that configuration), {@link com.amazonaws.secretsmanager.util.SQLExceptionUtils} (vendor codes in a cause chain)
 * and {@link com.amazonaws.secretsmanager.util.PropertyException}. The drivers themselves read their configuration
 * through their own settings (see the module README); these classes follow the AWS driver's rules.
 */
package com.amazonaws.secretsmanager.util;
