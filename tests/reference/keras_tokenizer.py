import numpy as np
import tensorflow as tf
from tensorflow.keras.preprocessing.text import Tokenizer
from tensorflow.keras.preprocessing.sequence import pad_sequences
sentences = ['I love my dog', 'I love my cat', 'You love my dog!', 'Do you think my dog is amazing?']
tokenizer = Tokenizer(num_words=100, oov_token="<OOV>")
tokenizer.fit_on_texts(sentences)
word_index = tokenizer.word_index
print(word_index)
sequences = tokenizer.texts_to_sequences(sentences)
print(sequences)
padded = pad_sequences(sequences, maxlen=5)
print(padded)
test_data = ['i really love my dog', 'my dog loves my manatee']
print(tokenizer.texts_to_sequences(test_data))
print(tokenizer.word_counts)
print(tokenizer.document_count, tokenizer.num_words, tokenizer.oov_token, len(tokenizer.index_word))
print(tokenizer.index_word[2], tokenizer.sequences_to_texts([[2, 3, 99, 1]]))
small = Tokenizer(num_words=4)
small.fit_on_texts(sentences)
print(small.texts_to_sequences(sentences), small.sequences_to_texts([[1, 2, 3, 4, 5]]))
print(small.texts_to_matrix(['my dog my'], mode='count'), small.texts_to_matrix(['my dog'], mode='binary'))
print(small.texts_to_matrix(['my dog my love'], mode='freq'))
print(np.round(small.texts_to_matrix(['my dog my'], mode='tfidf'), 6))
chars = Tokenizer(char_level=True)
chars.fit_on_texts(['hello', 'world'])
print(chars.word_index, chars.texts_to_sequences(['low']))
t2 = Tokenizer(filters='', lower=False)
t2.fit_on_texts(['Hi, there. Hi!'])
print(t2.word_index)
print(tf.keras.preprocessing.text.text_to_word_sequence("Hello, World! It's 9:30 a.m."))
import keras
print(keras.preprocessing.text.text_to_word_sequence('a-b c', filters='-', split=' '))
js = tokenizer.to_json()
t3 = tf.keras.preprocessing.text.tokenizer_from_json(js)
print(t3.word_index == tokenizer.word_index, t3.texts_to_sequences(['my dog is you']))
print(sorted(tokenizer.get_config().keys()))
print(Tokenizer().word_index, Tokenizer(num_words=5).num_words)
Tokenizer(foo=1)
Tokenizer().texts_to_matrix(['a'])
