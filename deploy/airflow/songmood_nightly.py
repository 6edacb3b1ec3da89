"""Airflow DAG: the nightly songmood ``label`` on YARN, with exit codes acted on.

songmood exits 0 (done), 1 (the job failed: worth retrying) or 2 (bad arguments or bad input found before any
work: a retry would fail the same way, so someone is paged). spark-submit reports the driver's exit code only in
client deploy mode (the driver runs inside spark-submit on the Airflow worker, as here); in YARN cluster mode every
failure is exit 1. Needs apache-airflow-providers-apache-spark, a ``spark_default`` connection whose host is
``yarn``, Spark 3.5 on the worker and the project installed at /opt/songmood (the runnable jar as
/opt/songmood/songmood-all.jar, conf/ and models/ beside it).

SUBMIT holds the spark-submit arguments that ``./submit.sh --master yarn --num-executors 8 --executor-cores 4
--executor-memory 6g --s3-credentials instance label --input s3a://catalog/songs/ --out s3a://catalog/moods``
prints with --dry-run; DeployKitTest checks that they stay equal. Checked here with ``python3 -m py_compile`` only:
no Airflow runs on this project's machines.
"""
import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SUBMIT = {
    "application": "/opt/songmood/songmood-all.jar",
    "java_class": "dev.songmood.cli.Main",
    "name": "songmood",
    "num_executors": 8,
    "executor_cores": 4,
    "executor_memory": "6g",
    "files": "/opt/songmood/conf/log4j2.properties",
    "conf": {
        "spark.app.name": "songmood",
        "spark.serializer": "org.apache.spark.serializer.KryoSerializer",
        "spark.sql.adaptive.enabled": "true",
        "spark.sql.adaptive.coalescePartitions.enabled": "true",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.parquet.compression.codec": "snappy",
        "spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs": "false",
        "spark.jsl.settings.onnx.intraOpNumThreads": "1",
        "spark.executorEnv.DJL_OFFLINE": "true",
        "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.databricks.delta.properties.defaults.enableDeletionVectors": "true",
        "spark.databricks.delta.snapshotPartitions": "8",
        "spark.sql.sources.commitProtocolClass": "org.apache.spark.internal.io.cloud.PathOutputCommitProtocol",
        "spark.sql.parquet.output.committer.class": "org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter",
        "spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a": "org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory",
        "spark.hadoop.fs.s3a.committer.name": "magic",
        "spark.hadoop.fs.s3a.committer.magic.enabled": "true",
        "spark.hadoop.fs.s3a.attempts.maximum": "5",
        "spark.hadoop.fs.s3a.retry.limit": "4",
        "spark.hadoop.fs.s3a.retry.interval": "500ms",
        "spark.hadoop.fs.s3a.retry.throttle.limit": "10",
        "spark.hadoop.fs.s3a.retry.throttle.interval": "500ms",
        "spark.hadoop.fs.s3a.connection.establish.timeout": "5000",
        "spark.driver.extraJavaOptions": "-XX:+IgnoreUnrecognizedVMOptions -Djdk.reflect.useDirectMethodHandle=false -Djava.awt.headless=true -Dai.djl.offline=true --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Dlog4j2.configurationFile=\"/opt/songmood/conf/log4j2.properties\"",
        "spark.hadoop.fs.s3a.aws.credentials.provider": "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider",
    },
    "application_args": ["label", "--input", "s3a://catalog/songs/", "--out", "s3a://catalog/moods"],
}

BAD_INPUT = 2


def page(context):
    """Called once a run has failed for good: replace the log line with your pager (PagerDuty, Opsgenie...)."""
    error = context.get("exception")
    reason = "bad input (exit 2)" if isinstance(error, AirflowFailException) else "failed after retries (exit 1)"
    context["task_instance"].log.error("PAGE: songmood nightly label %s: %s", reason, error)


class SongmoodLabelOperator(SparkSubmitOperator):
    """SparkSubmitOperator that turns exit code 2 into a failure Airflow does not retry."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            # SparkSubmitHook: "Cannot execute: <command>. Error code is: <code>."
            code = re.search(r"Error code is: (\d+)", str(error))
            if code and int(code.group(1)) == BAD_INPUT:
                raise AirflowFailException(f"bad input, not retried: {error}") from error
            raise


with DAG(
    dag_id="songmood_nightly_label",
    start_date=datetime(2026, 1, 1),
    schedule="0 2 * * *",
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 3, "retry_delay": timedelta(minutes=10), "on_failure_callback": page},
) as dag:
    SongmoodLabelOperator(task_id="label", conn_id="spark_default", **SUBMIT)
