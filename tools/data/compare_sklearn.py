"""Trains `perceptron` and scikit-learn's MLP on the same rows of real files in the shapes that used to fail before
training, and prints the table in docs/data.md ("Real files against scikit-learn").

Each case starts from a real file (scikit-learn's bundled data, matplotlib's sample data) or derives one shape from it
(a free-text column, a sparse column, short rows). For each of five seeds the rows are split 80/20 (stratified for
classification); the training and test rows are written back in the case's shape (counts line, no header, gzip,
comment line, date column, missing cells, short rows) and `perceptron train` / `perceptron evaluate` run on those files
with at most the one option the case documents. scikit-learn gets the same rows as DataFrames and the same recipe:
median imputation and standardisation for numbers, most-frequent imputation and one-hot encoding for categories (then
standardised, as ours), an MLP 64-32 ReLU, Adam lr 1e-3, batch 32, 100 epochs, L2 alpha = 2 * 0.003 * 32 (our L2 λ
is per batch; scikit-learn divides alpha by 2 * batch), a standardised regression target, no early stopping.
Perceptron keeps its defaults, including dropout 0.1, which scikit-learn's MLP does not have.

Run from the repository root after `dotnet build Perceptron.slnx -c Release`:

    /usr/bin/python3 tools/data/compare_sklearn.py            # needs python3-sklearn and python3-pandas (apt)
    SEEDS=20 ONLY=msft PERCEPTRON_OPTIONS="--dropout 0" /usr/bin/python3 tools/data/compare_sklearn.py

Not run in CI; the data files are read from where the Debian packages install them and are not committed.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.impute import SimpleImputer
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data'
MATPLOTLIB = '/usr/share/matplotlib/mpl-data/sample_data'
CLI = os.environ.get('PERCEPTRON', 'artifacts/bin/Perceptron.Cli/release/Perceptron.Cli.dll')
SEEDS = list(range(1, 1 + int(os.environ.get('SEEDS', '5'))))
ONLY = os.environ.get('ONLY')                                 # run only the cases whose file name contains this
EXTRA = os.environ.get('PERCEPTRON_OPTIONS', '').split()     # extra options for perceptron train, e.g. "--dropout 0"


def counts_file(path):
    """scikit-learn's layout: 'N,F,names…' then headerless rows, the target last."""
    with open(path) as f:
        first = f.readline().strip().split(',')
    frame = pd.read_csv(path, skiprows=1, header=None)
    frame.columns = [f'x{i}' for i in range(frame.shape[1])]
    return frame, [n for n in first[2:] if n]


def write_counts(frame, path, names):
    with open(path, 'w') as f:
        f.write(','.join([str(len(frame)), str(frame.shape[1] - 1), *names]) + '\n')
        frame.to_csv(f, header=False, index=False)


def boston():
    frame = pd.read_csv(f'{SKLEARN}/boston_house_prices.csv', skiprows=1)

    def write(part, path):
        with open(path, 'w') as f:
            f.write(f'{len(part)},{part.shape[1] - 1}' + ',' * (part.shape[1] - 2) + '\n')
            f.write(','.join(f'"{c}"' for c in part.columns) + '\n')
            part.to_csv(f, index=False, header=False)
    return frame, 'MEDV', 'regression', write, []


def wine():
    frame, names = counts_file(f'{SKLEARN}/wine_data.csv')
    return frame, frame.columns[-1], 'classification', lambda part, path: write_counts(part, path, names), []


def breast_cancer():
    frame, names = counts_file(f'{SKLEARN}/breast_cancer.csv')
    return frame, frame.columns[-1], 'classification', lambda part, path: write_counts(part, path, names), []


def digits():
    frame = pd.read_csv(f'{SKLEARN}/digits.csv.gz', header=None)
    frame.columns = [f'x{i}' for i in range(frame.shape[1])]

    def write(part, path):
        with gzip.open(path, 'wt') as f:
            part.to_csv(f, header=False, index=False)
    return frame, frame.columns[-1], 'classification', write, []


def stocks():
    """A comment line before the header, a date column, three sparse columns (AMZN, DELL, GOOGL), rows without a target."""
    frame = pd.read_csv(f'{MATPLOTLIB}/Stocks.csv', comment='#').dropna(subset=['^IXIC'])

    def write(part, path):
        with open(path, 'w') as f:
            f.write('# Data source: https://finance.yahoo.com\n')
            part.to_csv(f, index=False)
    return frame, '^IXIC', 'regression', write, ['--auto-columns']


def msft():
    """A date column written 19-Sep-03."""
    frame = pd.read_csv(f'{MATPLOTLIB}/msft.csv')
    return frame, 'Adj. Close*', 'regression', lambda part, path: part.to_csv(path, index=False), ['--auto-columns']


def wine_with_text():
    """wine with a free-text note per row (not a feature) and a categorical text column."""
    frame, names = counts_file(f'{SKLEARN}/wine_data.csv')
    frame.columns = [*[f'f{i}' for i in range(13)], 'class']
    rng = np.random.default_rng(0)
    frame.insert(0, 'note', [f'tasted on day {i}, {w} finish' for i, w in enumerate(rng.choice(['long', 'short', 'dry', 'sweet'], len(frame)))])
    frame.insert(1, 'cellar', rng.choice(['north', 'south', 'east'], len(frame)))
    return frame, 'class', 'classification', lambda part, path: part.to_csv(path, index=False), ['--auto-columns']


def sparse_column():
    """breast_cancer with one column 85% empty."""
    frame, _ = counts_file(f'{SKLEARN}/breast_cancer.csv')
    rng = np.random.default_rng(1)
    frame.loc[rng.random(len(frame)) < 0.85, 'x3'] = np.nan
    return frame, frame.columns[-1], 'classification', lambda part, path: part.to_csv(path, index=False), []


def short_rows():
    """boston with the target first and the last feature empty in 30% of the rows, trailing empty fields left out."""
    frame = pd.read_csv(f'{SKLEARN}/boston_house_prices.csv', skiprows=1)
    frame = frame[['MEDV', *[c for c in frame.columns if c != 'MEDV']]]
    rng = np.random.default_rng(2)
    frame.loc[rng.random(len(frame)) < 0.3, 'LSTAT'] = np.nan

    def write(part, path):
        with open(path, 'w') as f:
            f.write(','.join(part.columns) + '\n')
            for row in part.itertuples(index=False):
                cells = ['' if pd.isna(v) else repr(float(v)) for v in row]
                while cells and cells[-1] == '':
                    cells.pop()
                f.write(','.join(cells) + '\n')
    return frame, 'MEDV', 'regression', write, ['--target', 'MEDV']


CASES = [
    ('boston_house_prices.csv', 'counts line, then a header', boston),
    ('wine_data.csv', 'counts line, no header', wine),
    ('breast_cancer.csv', 'counts line, no header', breast_cancer),
    ('digits.csv.gz', 'no header, gzip', digits),
    ('Stocks.csv (matplotlib)', 'comment line, date column, sparse columns', stocks),
    ('msft.csv (matplotlib)', 'date column', msft),
    ('wine_data.csv + text', 'free-text and categorical columns', wine_with_text),
    ('breast_cancer.csv + sparse', 'one column 85% empty', sparse_column),
    ('boston_house_prices.csv + short rows', 'target first, trailing fields left out', short_rows),
]


def sklearn_score(train, test, target, task, seed):
    x, y = train.drop(columns=[target]), train[target]
    categorical = [c for c in x.columns if x[c].dtype == object]
    # Columns ours leaves out with --auto-columns (dates, free text) are left out here too.
    unusable = [c for c in categorical if x[c].nunique() > max(50, x[c].notna().sum() // 2) or c.lower() == 'date']
    categorical = [c for c in categorical if c not in unusable]
    x = x.drop(columns=unusable)
    numeric = [c for c in x.columns if c not in categorical]
    prepare = ColumnTransformer([
        ('numbers', make_pipeline(SimpleImputer(strategy='median'), StandardScaler()), numeric),
        ('categories', make_pipeline(SimpleImputer(strategy='most_frequent'), OneHotEncoder(handle_unknown='ignore', sparse_output=False)), categorical),
    ])
    settings = dict(hidden_layer_sizes=(64, 32), activation='relu', solver='adam', learning_rate_init=1e-3, batch_size=32,
                    max_iter=100, alpha=2 * 0.003 * 32, early_stopping=False, n_iter_no_change=1000, tol=0, random_state=seed)
    if task == 'classification':
        model = Pipeline([('prepare', prepare), ('scale', StandardScaler()), ('mlp', MLPClassifier(**settings))])
        model.fit(x, y)
        return accuracy_score(test[target], model.predict(test[x.columns]))
    model = Pipeline([('prepare', prepare), ('scale', StandardScaler()),
                      ('mlp', TransformedTargetRegressor(MLPRegressor(**settings), transformer=StandardScaler()))])
    model.fit(x, y)
    return r2_score(test[target], model.predict(test[x.columns]))


def perceptron_score(train_path, test_path, options, seed, folder):
    model = os.path.join(folder, 'model.json')
    trained = subprocess.run(['dotnet', CLI, 'train', train_path, '--test-split', '0', '--seed', str(seed), '--out', model, '--quiet', *options, *EXTRA],
                             capture_output=True, text=True)
    if trained.returncode != 0:
        sys.exit(f'perceptron train {train_path} {" ".join(options)} failed: {trained.stderr.strip()}')
    evaluated = subprocess.run(['dotnet', CLI, 'evaluate', model, test_path, '--json'], capture_output=True, text=True)
    if evaluated.returncode != 0:
        sys.exit(f'perceptron evaluate {test_path} failed: {evaluated.stderr.strip()}')
    metrics = json.loads(evaluated.stdout)
    return metrics.get('accuracy', metrics.get('r2'))


def main():
    import warnings
    warnings.filterwarnings('ignore')  # scikit-learn's "maximum iterations reached": 100 epochs is the setting
    print('| file | shape | option | metric | perceptron | scikit-learn | difference |')
    print('|---|---|---|---|---|---|---|')
    with tempfile.TemporaryDirectory() as folder:
        for name, shape, load in [c for c in CASES if ONLY is None or ONLY in c[0]]:
            frame, target, task, write, options = load()
            ours, theirs = [], []
            for seed in SEEDS:
                train, test = train_test_split(frame, test_size=0.2, random_state=seed,
                                               stratify=frame[target] if task == 'classification' else None)
                suffix = '.csv.gz' if name.endswith('.gz') else '.csv'
                train_path, test_path = os.path.join(folder, 'train' + suffix), os.path.join(folder, 'test' + suffix)
                write(train, train_path)
                write(test, test_path)
                ours.append(perceptron_score(train_path, test_path, options, seed, folder))
                theirs.append(sklearn_score(train, test, target, task, seed))
            metric = 'accuracy' if task == 'classification' else 'R²'
            a, b = np.mean(ours), np.mean(theirs)
            print(f'| {name} | {shape} | {" ".join(options) or "none"} | {metric} | {a:.3f} ± {np.std(ours):.3f} | {b:.3f} ± {np.std(theirs):.3f} | {a - b:+.3f} |',
                  flush=True)


if __name__ == '__main__':
    main()
