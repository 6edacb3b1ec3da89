#!/usr/bin/env bash
# The nightly label on Kubernetes with plain spark-submit (Spark 3.5 on the submitting machine, kubectl access to
# the cluster), in cluster mode: the driver and the executors run in pods of the image built from deploy/Dockerfile,
# shaped by pod-template.yaml (beside this script). The arguments are those that
#   ./submit.sh --master k8s://https://kubernetes.default.svc:443 --deploy-mode cluster \
#     --conf spark.kubernetes.namespace=songmood --conf spark.kubernetes.container.image=registry.example/songmood:0.1.0 \
#     --conf spark.kubernetes.authenticate.driver.serviceAccountName=songmood \
#     --conf spark.kubernetes.driver.podTemplateFile=pod-template.yaml \
#     --conf spark.kubernetes.executor.podTemplateFile=pod-template.yaml \
#     --conf spark.executor.instances=4 --conf spark.executor.cores=4 --conf spark.executor.memory=6g \
#     label --model /opt/songmood/models/default --input s3a://catalog/songs/ --out s3a://catalog/moods
# prints with --dry-run, with the jar and conf/ at their places in the image (local:///opt/songmood/...):
# DeployKitTest checks that they stay equal. Replace the registry, namespace, service account and buckets with yours.
# The model is the image's copy of the shipped one (the same path in every pod); log4j2.properties goes to the driver
# pod's working directory (-Dsongmood.log4j2 applies it) and the image puts /opt/songmood/conf on every pod's
# classpath (the executors' logging). Not run here: no Kubernetes cluster is reachable from this project's machines.
set -euo pipefail
cd "$(dirname "$0")"
DRIVER_JAVA_OPTIONS=(
  -XX:+IgnoreUnrecognizedVMOptions
  -Djdk.reflect.useDirectMethodHandle=false
  -Djava.awt.headless=true
  -Dai.djl.offline=true
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Dsongmood.log4j2=log4j2.properties
)
exec "${SPARK_SUBMIT:-spark-submit}" \
  --master k8s://https://kubernetes.default.svc:443 \
  --conf spark.app.name=songmood \
  --conf spark.serializer=org.apache.spark.serializer.KryoSerializer \
  --conf spark.sql.adaptive.enabled=true \
  --conf spark.sql.adaptive.coalescePartitions.enabled=true \
  --conf spark.ui.showConsoleProgress=true \
  --conf spark.sql.parquet.compression.codec=snappy \
  --conf spark.hadoop.mapreduce.fileoutputcommitter.marksuccessfuljobs=false \
  --conf spark.jsl.settings.onnx.intraOpNumThreads=1 \
  --conf spark.executorEnv.DJL_OFFLINE=true \
  --conf spark.sql.extensions=io.delta.sql.DeltaSparkSessionExtension \
  --conf spark.sql.catalog.spark_catalog=org.apache.spark.sql.delta.catalog.DeltaCatalog \
  --conf spark.databricks.delta.properties.defaults.enableDeletionVectors=true \
  --conf spark.databricks.delta.snapshotPartitions=8 \
  --conf spark.sql.sources.commitProtocolClass=org.apache.spark.internal.io.cloud.PathOutputCommitProtocol \
  --conf spark.sql.parquet.output.committer.class=org.apache.spark.internal.io.cloud.BindingParquetOutputCommitter \
  --conf spark.hadoop.mapreduce.outputcommitter.factory.scheme.s3a=org.apache.hadoop.fs.s3a.commit.S3ACommitterFactory \
  --conf spark.hadoop.fs.s3a.committer.name=magic \
  --conf spark.hadoop.fs.s3a.committer.magic.enabled=true \
  --conf spark.hadoop.fs.s3a.attempts.maximum=5 \
  --conf spark.hadoop.fs.s3a.retry.limit=4 \
  --conf spark.hadoop.fs.s3a.retry.interval=500ms \
  --conf spark.hadoop.fs.s3a.retry.throttle.limit=10 \
  --conf spark.hadoop.fs.s3a.retry.throttle.interval=500ms \
  --conf spark.hadoop.fs.s3a.connection.establish.timeout=5000 \
  --deploy-mode cluster \
  --driver-java-options "${DRIVER_JAVA_OPTIONS[*]}" \
  --files local:///opt/songmood/conf/log4j2.properties \
  --conf spark.kubernetes.namespace=songmood \
  --conf spark.kubernetes.container.image=registry.example/songmood:0.1.0 \
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=songmood \
  --conf spark.kubernetes.driver.podTemplateFile=pod-template.yaml \
  --conf spark.kubernetes.executor.podTemplateFile=pod-template.yaml \
  --conf spark.executor.instances=4 \
  --conf spark.executor.cores=4 \
  --conf spark.executor.memory=6g \
  --conf spark.ui.showConsoleProgress=false \
  --class dev.songmood.cli.Main \
  local:///opt/songmood/songmood-all.jar \
  label \
  --model \
  /opt/songmood/models/default \
  --input \
  s3a://catalog/songs/ \
  --out \
  s3a://catalog/moods
