/**
 * How the tools touch the file system around a run: {@link org.secmlops.core.io.SafeOutput} writes every output
 * without ever destroying an input or a file of the user's, {@link org.secmlops.core.io.InputFiles} refuses inputs
 * that are not plain files or directories and bounds what is read from them.
 */
package org.secmlops.core.io;
