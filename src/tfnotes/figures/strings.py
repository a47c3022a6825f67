"""Every word that appears in or around a figure, in Korean and English: one table for translators.

``LABELS``: text drawn inside figures (titles, axes, legends), looked up with :func:`t`.
``FIGURES``: the alt text and caption of each figure, shown by the page around the image.
A key missing in one language is an error at import time (see the check at the bottom).
"""

from __future__ import annotations

LANGS = ("ko", "en")

LABELS: dict[str, dict[str, str]] = {
    "x1": {"ko": "$x_1$", "en": "$x_1$"},
    "x2": {"ko": "$x_2$", "en": "$x_2$"},
    "points": {"ko": "데이터 점", "en": "data points"},
    "centroid": {"ko": "중심점", "en": "centroid"},
    "centroids": {"ko": "중심점", "en": "centroids"},
    "start": {"ko": "시작 중심점", "en": "starting centroids"},
    "path": {"ko": "중심점의 이동 경로", "en": "centroid path"},
    "iteration": {"ko": "반복", "en": "iteration"},
    "iter_assign": {"ko": "{i}회차 · 할당", "en": "iteration {i} · assign"},
    "iter_update": {"ko": "{i}회차 · 갱신", "en": "iteration {i} · update"},
    "final": {"ko": "수렴: {i}회 반복", "en": "converged after {i} iterations"},
    "inertia": {"ko": "관성 (inertia)", "en": "inertia"},
    "inertia_eq": {"ko": "관성 = {v:.1f}", "en": "inertia = {v:.1f}"},
    "raw_title": {"ko": "2,000개의 점 (정답 레이블 없음)", "en": "2,000 points (no labels given)"},
    "classic_title": {"ko": "k = 4, TensorFlow 구현", "en": "k = 4, TensorFlow implementation"},
    "voronoi_title": {"ko": "가장 가까운 중심점이 정하는 영역", "en": "Regions of the nearest centroid"},
    "seed": {"ko": "시드 {s}", "en": "seed {s}"},
    "random_init": {"ko": "무작위 초기화", "en": "random init"},
    "kpp_init": {"ko": "k-means++", "en": "k-means++"},
    "runs": {"ko": "실행 횟수", "en": "runs"},
    "final_inertia": {"ko": "최종 관성", "en": "final inertia"},
    "best_possible": {"ko": "관찰된 최솟값", "en": "best seen"},
    "n_iter": {"ko": "반복 횟수", "en": "iterations"},
    "init_hist_title": {"ko": "시드 {n}개에서 얻은 최종 관성", "en": "Final inertia over {n} seeds"},
    "init_iter_title": {"ko": "수렴까지 걸린 반복 횟수", "en": "Iterations until convergence"},
    "k": {"ko": "클러스터 수 k", "en": "number of clusters k"},
    "elbow_title": {"ko": "엘보 방법: k에 따른 관성", "en": "Elbow method: inertia against k"},
    "silhouette": {"ko": "평균 실루엣 계수", "en": "mean silhouette"},
    "silhouette_value": {"ko": "실루엣 계수", "en": "silhouette value"},
    "silhouette_title": {"ko": "k에 따른 평균 실루엣", "en": "Mean silhouette against k"},
    "silhouette_k_title": {"ko": "k = {k}일 때 점별 실루엣", "en": "Per-point silhouette at k = {k}"},
    "cluster": {"ko": "클러스터", "en": "cluster"},
    "truth": {"ko": "실제 그룹", "en": "true groups"},
    "kmeans_result": {"ko": "k-means 결과", "en": "k-means result"},
    "anisotropic": {"ko": "길쭉한(비등방) 분포", "en": "anisotropic blobs"},
    "unequal_variance": {"ko": "분산이 서로 다른 분포", "en": "unequal variance"},
    "uneven_sizes": {"ko": "크기가 크게 다른 그룹", "en": "uneven cluster sizes"},
    "wrong_k": {"ko": "잘못 고른 k (3개 그룹에 k = 2)", "en": "wrong k (k = 2 for 3 groups)"},
    "unscaled": {"ko": "스케일링 전", "en": "unscaled"},
    "scaled": {"ko": "표준화 후", "en": "standardised"},
    "ari": {"ko": "ARI = {v:.2f}", "en": "ARI = {v:.2f}"},
    "bill_length_mm": {"ko": "부리 길이 (mm)", "en": "bill length (mm)"},
    "bill_depth_mm": {"ko": "부리 깊이 (mm)", "en": "bill depth (mm)"},
    "flipper_length_mm": {"ko": "날개 길이 (mm)", "en": "flipper length (mm)"},
    "body_mass_g": {"ko": "체중 (g)", "en": "body mass (g)"},
    "eruptions": {"ko": "분출 시간 (분)", "en": "eruption time (min)"},
    "waiting": {"ko": "다음 분출까지 대기 시간 (분)", "en": "waiting time to next eruption (min)"},
    "species_Adelie": {"ko": "아델리", "en": "Adélie"},
    "species_Chinstrap": {"ko": "턱끈", "en": "Chinstrap"},
    "species_Gentoo": {"ko": "젠투", "en": "Gentoo"},
    "penguins_truth": {"ko": "실제 종", "en": "actual species"},
    "penguins_unscaled": {"ko": "스케일링 전 k-means (ARI = {v:.2f})", "en": "k-means, unscaled (ARI = {v:.2f})"},
    "penguins_scaled": {"ko": "표준화 후 k-means (ARI = {v:.2f})", "en": "k-means, standardised (ARI = {v:.2f})"},
    "faithful_unscaled": {"ko": "스케일링 전: 경계가 대기 시간만 봅니다",
                          "en": "Unscaled: the border looks at waiting time only"},
    "faithful_scaled": {"ko": "표준화 후: 두 축이 함께 경계를 정합니다", "en": "Standardised: both axes shape the border"},
}


FIGURES: dict[str, dict[str, dict[str, str]]] = {
    "kmeans-data": {
        "alt": {"ko": "두 개의 가우시안 덩어리에서 뽑은 2,000개의 점을 회색으로 찍은 산점도. 원점 부근의 넓은 덩어리와 (3, 1) 부근의 좁은 덩어리가 보인다.",
                "en": "Scatter plot of 2,000 grey points drawn from two Gaussian blobs: a wide one around the origin and a tight one around (3, 1)."},
        "caption": {"ko": "2016년 TensorFlow k-means 튜토리얼들이 쓰던 데이터를 시드를 고정해 다시 만든 것입니다. 알고리즘은 색(정답)을 모른 채 이 점들만 봅니다.",
                    "en": "The data of the 2016 TensorFlow k-means tutorials, regenerated with a fixed seed. The algorithm sees only these points, never a label."},
    },
    "kmeans-steps": {
        "alt": {"ko": "로이드 알고리즘의 처음 세 번의 반복을 할당 단계와 갱신 단계로 나누어 보여 주는 여섯 칸짜리 그림. 점의 색은 가장 가까운 중심점을, 검은 X는 중심점을, 선은 중심점이 움직인 경로를 나타낸다.",
                "en": "Six panels showing the first three iterations of Lloyd's algorithm, each split into its assign step and its update step. Point colours mark the nearest centroid, black crosses are centroids, lines trace where each centroid moved."},
        "caption": {"ko": "할당 단계는 점의 색을 바꾸고, 갱신 단계는 중심점을 자기 점들의 평균으로 옮깁니다. 두 단계 모두 관성을 줄이거나 그대로 둡니다.",
                    "en": "The assign step recolours the points; the update step moves each centroid to the mean of its points. Neither step can increase the inertia."},
    },
    "kmeans-inertia": {
        "alt": {"ko": "반복 횟수에 따른 관성을 그린 선 그래프. 첫 반복에서 크게 떨어진 뒤 평평해지며 한 번도 올라가지 않는다.",
                "en": "Line chart of inertia against iteration: a large drop in the first iterations, then a flat tail; it never goes up."},
        "caption": {"ko": "같은 실행의 반복별 관성입니다. 로이드 알고리즘은 관성을 단조 감소시키므로 유한한 횟수 안에 멈춥니다.",
                    "en": "Inertia per iteration for the same run. Lloyd's algorithm never increases it, which is why it stops after finitely many steps."},
    },
    "kmeans-voronoi": {
        "alt": {"ko": "최종 중심점 네 개와 각 중심점이 가장 가까운 영역(보로노이 셀)을 연한 색으로 칠한 평면. 영역의 경계는 직선이다.",
                "en": "The plane coloured by nearest final centroid (Voronoi cells) for four centroids, with the data on top; the cell borders are straight lines."},
        "caption": {"ko": "k-means의 클러스터는 중심점의 보로노이 셀입니다. 두 중심점 사이의 경계는 두 점을 잇는 선분의 수직이등분선이라서 항상 직선입니다.",
                    "en": "A k-means cluster is the Voronoi cell of its centroid. The border between two centroids is the perpendicular bisector of the segment joining them, so it is always straight."},
    },
    "kmeans-classic": {
        "alt": {"ko": "2,000개의 점을 k = 4로 묶은 결과. 네 가지 색의 클러스터와 검은 X로 표시한 네 개의 중심점.",
                "en": "The 2,000 points clustered with k = 4: four colours and four black crosses for the centroids."},
        "caption": {"ko": "TensorFlow 구현으로 k = 4를 적용한 결과입니다. 실제 덩어리는 두 개이므로 k-means는 넓은 덩어리를 여러 조각으로 나눕니다. k는 데이터가 아니라 우리가 정한 값입니다.",
                    "en": "The TensorFlow implementation with k = 4. There are only two real blobs, so k-means slices the wide one into pieces: k is our choice, not a fact about the data."},
    },
    "kmeans-local-optima": {
        "alt": {"ko": "같은 데이터에 무작위 초기화를 서로 다른 시드로 네 번 적용한 결과. 칸마다 클러스터 모양과 관성 값이 다르다.",
                "en": "Four runs of k-means with random initialisation and different seeds on the same data; the clusters and the inertia differ from panel to panel."},
        "caption": {"ko": "시작점만 바꿔도 서로 다른 국소 최적해에 도착합니다. 관성이 가장 작은 실행이 가장 좋은 답입니다.",
                    "en": "Changing only the starting centroids leads to different local optima. The run with the lowest inertia is the best answer."},
    },
    "kmeans-init-compare": {
        "alt": {"ko": "무작위 초기화와 k-means++ 초기화를 각각 여러 시드로 실행해 얻은 최종 관성의 히스토그램과 반복 횟수 비교.",
                "en": "Histograms of the final inertia from many seeds with random and with k-means++ initialisation, and the number of iterations of each."},
        "caption": {"ko": "k-means++는 서로 멀리 떨어진 점에서 시작하므로 나쁜 국소 최적해에 빠지는 경우가 적고 더 빨리 수렴합니다.",
                    "en": "k-means++ starts from points that are far apart, so it falls into poor local optima less often and converges in fewer iterations."},
    },
    "kmeans-elbow": {
        "alt": {"ko": "k를 1부터 10까지 바꾸며 잰 관성의 선 그래프. k = 4 부근에서 기울기가 급격히 완만해진다.",
                "en": "Line chart of inertia for k from 1 to 10; the curve bends sharply around k = 4."},
        "caption": {"ko": "관성은 k가 커질수록 항상 줄어듭니다. 줄어드는 폭이 갑자기 작아지는 '팔꿈치'가 후보 k입니다.",
                    "en": "Inertia always falls as k grows. The 'elbow', where the gain suddenly shrinks, is a candidate for k."},
    },
    "kmeans-silhouette": {
        "alt": {"ko": "왼쪽은 k에 따른 평균 실루엣 계수, 오른쪽은 가장 좋은 k에서 클러스터별로 정렬한 점별 실루엣 막대.",
                "en": "Left: mean silhouette against k. Right: per-point silhouette values at the best k, sorted within each cluster."},
        "caption": {"ko": "실루엣은 자기 클러스터와의 거리와 가장 가까운 다른 클러스터와의 거리를 비교합니다. 평균이 가장 큰 k를 고르고, 음수인 점이 많은 클러스터는 의심합니다.",
                    "en": "The silhouette compares each point's distance to its own cluster with its distance to the nearest other cluster. Pick the k with the highest mean, and distrust clusters with many negative values."},
    },
    "kmeans-failures": {
        "alt": {"ko": "k-means가 실패하는 네 가지 경우를 2×2로 배치한 그림: 길쭉한 분포, 분산이 다른 분포, 크기가 크게 다른 그룹, 잘못 고른 k. 각 칸에서 점의 색은 k-means 결과이다.",
                "en": "A 2×2 grid of four cases where k-means fails: anisotropic blobs, unequal variances, very uneven cluster sizes, and a wrong k. Point colours are the k-means result."},
        "caption": {"ko": "k-means는 클러스터가 비슷한 크기의 둥근 덩어리라고 가정합니다. 이 가정이 깨지면 경계가 엉뚱한 곳에 그어집니다. 칸마다 실제 그룹과의 일치도(ARI)를 적었습니다.",
                    "en": "k-means assumes round clusters of similar spread. When that assumption fails the borders land in the wrong place. Each panel gives the agreement with the true groups (ARI)."},
    },
    "kmeans-penguins": {
        "alt": {"ko": "펭귄 342마리를 부리 길이와 날개 길이 평면에 찍은 세 칸짜리 그림: 실제 종, 스케일링 전 k-means, 표준화 후 k-means.",
                "en": "Three panels of 342 penguins on bill length against flipper length: actual species, k-means unscaled, k-means standardised."},
        "caption": {"ko": "네 가지 측정값으로 k = 3을 실행했습니다. 스케일링 전에는 그램 단위 체중이 거리를 지배해 체중만으로 나뉩니다. 표준화하면 종과의 일치도(ARI)가 크게 오릅니다.",
                    "en": "k = 3 on all four measurements. Unscaled, body mass in grams dominates the distance and the split follows weight alone; standardised, agreement with species (ARI) rises sharply."},
    },
    "kmeans-faithful": {
        "alt": {"ko": "올드 페이스풀 간헐천의 분출 시간(가로축)과 대기 시간(세로축) 산점도 두 개. 왼쪽은 스케일링 전 k = 2 결과로 두 영역의 경계가 거의 수평선이고, 오른쪽은 표준화 후 결과로 경계가 기울어져 있다.",
                "en": "Two scatter plots of Old Faithful eruption time (horizontal) against waiting time (vertical). Left, the unscaled k = 2 result: the border between the two regions is almost horizontal. Right, the standardised result: the border is tilted."},
        "caption": {"ko": "두 그림 모두 원래 단위(분)로 그렸습니다. 대기 시간의 표준편차는 약 13.6분, 분출 시간은 약 1.1분이라서 스케일링 전의 거리는 사실상 대기 시간의 차이입니다. 경계가 수평선에 가까운 이유입니다.",
                    "en": "Both panels are drawn in the original units (minutes). Waiting time has a standard deviation of about 13.6 minutes, eruption time about 1.1, so the unscaled distance is in effect the difference in waiting time: hence the nearly horizontal border."},
    },
}


def t(key: str, lang: str, **fmt: object) -> str:
    """The label ``key`` in ``lang``, formatted with ``fmt``."""
    try:
        text = LABELS[key][lang]
    except KeyError:
        raise KeyError(f"no label {key!r} for language {lang!r} in tfnotes.figures.strings") from None
    return text.format(**fmt) if fmt else text


def _check_complete() -> None:
    for key, entry in LABELS.items():
        if set(entry) != set(LANGS):
            raise KeyError(f"label {key!r} must exist in exactly {LANGS}, has {sorted(entry)}")
    for name, entry in FIGURES.items():
        for field in ("alt", "caption"):
            if set(entry.get(field, {})) != set(LANGS):
                raise KeyError(f"figure {name!r} {field} must exist in exactly {LANGS}")


_check_complete()
