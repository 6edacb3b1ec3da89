/**
 * Spark NLP 5.5.3 as the second encoder engine, next to DJL: {@link dev.songmood.encode.sparknlp.SparkNlpEmbeddings}
 * imports the project's ONNX sentence encoders (the same langchain4j model jars the DJL engine reads) into Spark
 * NLP once, caches the imported annotator, and returns a ready {@code PipelineModel} from a column of chunk texts
 * to a column of vectors; {@link dev.songmood.encode.sparknlp.SparkNlpSongVectors} chunks and pools songs around it
 * as the DJL engine does. The encoders are the product's own {@code EncoderModel}s; their files go to Spark NLP's
 * import as {@code EncoderFiles} says, and Spark NLP's temporary copies are deleted at exit
 * ({@code SparkNlpTempCopies}). Rules that come from Spark NLP itself, measured: one import per JVM, batch size 1 for
 * mean-pooled encoders, no blank texts, and DJL's ONNX Runtime environment created first in a JVM that runs both.
 * Nothing here downloads anything at run time.
 */
package dev.songmood.encode.sparknlp;
