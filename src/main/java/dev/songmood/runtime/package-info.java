/**
 * What every run shares, whatever the job: its id ({@link dev.songmood.runtime.RunId}), where its wall time went,
 * phase by phase ({@link dev.songmood.runtime.Phases}), the process's memory
 * ({@link dev.songmood.runtime.ProcessMemory}), Spark properties files read as spark-submit reads them
 * ({@link dev.songmood.runtime.SparkConfFile}), and the files a driver started on the cluster fetches before its job
 * runs ({@link dev.songmood.runtime.ShippedFiles}).
 */
package dev.songmood.runtime;
