/**
 * The {@code train} job and the model search it runs. {@link dev.songmood.train.SearchSpace} says what is searched;
 * each candidate is a {@link dev.songmood.train.ClassifierSpec}: the TF-IDF + logistic regression baseline
 * ({@link dev.songmood.train.TfidfClassifier}), classifiers on a frozen encoder's song vectors (logistic regression,
 * multilayer perceptron, valence/arousal regression), an ensemble of two, a fine-tuned encoder
 * ({@link dev.songmood.train.FineTuneSpec}, trained by {@code finetune}), and catalog priors on top
 * ({@link dev.songmood.train.CatalogPriorSpec}). {@link dev.songmood.train.HyperparameterSearch} scores one family's
 * grid on validation or k folds, {@link dev.songmood.train.ModelSearch} runs every family and picks the model;
 * {@link dev.songmood.metrics.ClassWeights} balances the quadrants.
 */
package dev.songmood.train;
