"""Cluster Palmer penguins by their four measurements, before and after standardising them."""

from tfnotes.data import load_penguins, standardize
from tfnotes.kmeans import kmeans
from tfnotes.kmeans.metrics import adjusted_rand_index, purity

penguins = load_penguins()  # bill length/depth, flipper length (mm), body mass (g)
z, mean, std = standardize(penguins.x)  # every column: mean 0, standard deviation 1

for name, features in [("unscaled", penguins.x), ("standardised", z)]:
    labels = kmeans(features, k=3, n_init=10, seed=0).labels
    ari = adjusted_rand_index(penguins.target, labels)  # 1 = same grouping as the species
    print(f"{name:>12}: ARI = {ari:.3f}, purity = {purity(penguins.target, labels):.3f}")
