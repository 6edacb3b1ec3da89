/**
 * Files and publication, whatever the job: small files through Hadoop's FileSystem so that local paths and s3a://
 * behave alike ({@link dev.songmood.io.HadoopFiles}); publishing an output directory whole, so that a failed run
 * leaves the previous one intact ({@link dev.songmood.io.OutputPublisher}), with the marker that tells a complete
 * directory on S3 from a cut-short one ({@link dev.songmood.io.PublishedMarker}); storage failures turned into
 * messages that say what to check ({@link dev.songmood.io.StorageErrors}); checking an output directory before any
 * work ({@link dev.songmood.io.OutputLocation}) and holding it for one run at a time ({@link dev.songmood.io.RunLock});
 * and paths and names quoted for SQL ({@link dev.songmood.io.SqlText}). What to read is in
 * {@code dev.songmood.input}; reading and screening songs in {@code dev.songmood.songs}.
 */
package dev.songmood.io;
