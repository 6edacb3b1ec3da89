/** Pipeline assembly (TF-IDF + logistic regression baseline), class weights, hyperparameter search, the train job. */
package dev.songmood.train;
