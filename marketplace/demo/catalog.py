"""French demo content per trade: shop names, stories and products for seed_demo."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class DemoProduct:
    title: str
    description: str
    price: Decimal  # euros, VAT included
    category: str
    is_perishable: bool = False
    is_made_to_order: bool = False


@dataclass(frozen=True)
class DemoTrade:
    code: str
    category: str  # the trade's top-level catalogue category, e.g. "Boulangerie"
    shop_name_patterns: tuple[str, ...]
    taglines: tuple[str, ...]
    stories: tuple[str, ...]
    products: tuple[DemoProduct, ...]
    palette: tuple[str, str, str]  # background, motif, ink colours as "#rrggbb"
    motif: str


FIRST_NAMES: tuple[str, ...] = (
    "Jean", "Marie", "Pierre", "Sophie", "Louis", "Camille", "Antoine", "Léa", "Julien", "Claire", "Mathieu",
    "Élodie", "Nicolas", "Aurélie", "Thomas", "Céline", "Olivier", "Manon", "Laurent", "Chloé", "François",
    "Émilie", "Sébastien", "Juliette", "Guillaume", "Margaux", "Vincent", "Anaïs", "Rémi", "Mireille",
    "Fabien", "Magali", "Baptiste", "Laure", "Frédéric", "Nathalie", "Hugo", "Isabelle", "Damien", "Hélène",
    "Yannick", "Sandrine", "Cédric", "Amandine", "Étienne", "Delphine", "Raphaël", "Coralie", "Marius",
    "Estelle", "Benoît", "Pauline", "Lucas", "Valérie", "Gaël", "Agnès", "Clément", "Océane", "Joseph",
    "Noémie",
)

SURNAMES: tuple[str, ...] = (
    "Roux", "Blanc", "Giraud", "Pellegrin", "Arnaud", "Bonnet", "Fabre", "Reynaud", "Baille", "Martin",
    "Bernard", "Durand", "Michel", "Garcia", "Fournier", "Girard", "Morel", "Mercier", "Faure", "André",
    "Gauthier", "Chevalier", "Lambert", "Rey", "Meunier", "Brun", "Barbier", "Guérin", "Roussel", "Bertrand",
    "Aubert", "Gilles", "Imbert", "Jullien", "Maurel", "Audibert", "Brémond", "Castel", "Chabaud",
    "Espitalier", "Gros", "Isnard", "Jourdan", "Long", "Mistral", "Ollivier", "Pascal", "Raybaud", "Richaud",
    "Rostan", "Sicard", "Tardieu", "Turc", "Vial", "Achard", "Allemand", "Autran", "Bérenger", "Blanchard",
    "Boyer", "Carle", "Daumas", "Féraud", "Gastaldi", "Granier", "Honnorat", "Jaubert", "Laugier", "Marin",
    "Mouret", "Payan", "Pons", "Rouvier", "Sauvaire", "Truc", "Venture", "Aillaud", "Bonnefoy", "Icard",
    "Estienne",
)

TRADES: tuple[DemoTrade, ...] = (
    # --- Boulangerie -------------------------------------------------------------------------------
    DemoTrade(
        code="boulangerie",
        category="Boulangerie",
        shop_name_patterns=(
            "Boulangerie {surname}",
            "Au Fournil de {commune}",
            "Le Pain de {first_name}",
            "Maison {surname}",
            "Le Fournil des Oliviers",
            "Boulangerie {first_name} {surname}",
            "La Mie de {commune}",
        ),
        taglines=(
            "Du levain, de la farine locale et du temps.",
            "Pains au levain cuits au feu de bois chaque matin.",
            "Le goût du vrai pain, comme en Provence.",
            "Farines de blés anciens et fournées du jour.",
            "Fougasses, pompes et navettes faites maison.",
        ),
        stories=(
            "{first_name} {surname} a repris le fournil de {commune} après dix ans passés "
            "auprès d'un boulanger du Luberon. Chaque nuit, le levain naturel est rafraîchi "
            "et les pâtes reposent longuement avant d'être façonnées à la main. Les farines "
            "viennent de moulins de Haute-Provence, à quelques dizaines de kilomètres.",
            "À {commune}, la boulangerie {surname} travaille le pain comme autrefois : "
            "pétrissage lent, fermentation longue et cuisson au four à sole. "
            "{first_name} aime proposer des blés anciens, comme le petit épeautre de "
            "Haute-Provence. Le samedi, la fougasse aux olives part avant dix heures.",
            "{first_name} a grandi dans l'odeur du pain chaud, entre un père et un grand-père "
            "boulangers. Dans le fournil de {commune}, une douzaine de pains différents sortent chaque "
            "jour du four, avec les spécialités de saison : pompe à l'huile à Noël, navettes à la "
            "Chandeleur. Ici, pas d'additifs, seulement de la farine, de l'eau, du sel et du temps.",
            "Après une première vie dans les bureaux, {first_name} {surname} a passé "
            "un CAP de boulanger puis ouvert un fournil à {commune}. Sa signature : "
            "un grand pain de campagne au levain, à la croûte épaisse, qui se garde "
            "plusieurs jours. Les viennoiseries sont tourées au beurre chaque matin.",
        ),
        products=(
            DemoProduct(
                title="Baguette de tradition",
                description=(
                    "Baguette à la farine de tradition française, "
                    "fermentée lentement. Croûte dorée et mie alvéolée."
                ),
                price=Decimal("1.30"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain de campagne au levain",
                description=(
                    "Grosse miche au levain naturel et à la farine de meule. Elle se garde plusieurs jours."
                ),
                price=Decimal("4.80"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain complet au levain",
                description="Pain à la farine complète, riche en goût, idéal avec les fromages de chèvre.",
                price=Decimal("4.20"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain au petit épeautre de Haute-Provence",
                description=(
                    "Pain au petit épeautre cultivé sur les plateaux "
                    "de Haute-Provence, à la mie dense et parfumée."
                ),
                price=Decimal("6.90"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain aux noix",
                description="Pain de campagne généreusement garni de cerneaux de noix.",
                price=Decimal("5.20"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain aux céréales",
                description="Mélange de graines de lin, de tournesol, de sésame et de millet.",
                price=Decimal("4.60"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tourte de seigle",
                description=(
                    "Grosse tourte au seigle et au levain, au goût "
                    "légèrement acidulé. Parfaite avec la charcuterie."
                ),
                price=Decimal("5.80"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Boule de meule T80",
                description="Boule à la farine bise moulue sur meule de pierre.",
                price=Decimal("4.50"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain aux figues",
                description="Pain au levain garni de figues séchées, délicieux avec le fromage.",
                price=Decimal("5.60"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Ficelle aux graines",
                description="Ficelle fine et croustillante roulée dans les graines.",
                price=Decimal("1.60"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain de mie maison",
                description="Pain de mie moelleux au beurre et au lait, pour les tartines.",
                price=Decimal("3.90"),
                category="Pains",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain surprise garni (commande 48 h)",
                description=(
                    "Grand pain de seigle garni de petits sandwichs variés, pour une dizaine de personnes."
                ),
                price=Decimal("32.00"),
                category="Pains",
                is_perishable=True,
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Croissant pur beurre",
                description="Croissant feuilleté au beurre, tourné chaque matin au fournil.",
                price=Decimal("1.30"),
                category="Viennoiseries",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain au chocolat",
                description="Pâte feuilletée pur beurre et deux barres de chocolat noir.",
                price=Decimal("1.40"),
                category="Viennoiseries",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain aux raisins",
                description="Escargot feuilleté à la crème pâtissière et aux raisins secs.",
                price=Decimal("1.80"),
                category="Viennoiseries",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chausson aux pommes",
                description="Feuilleté garni d'une compote de pommes maison.",
                price=Decimal("2.20"),
                category="Viennoiseries",
                is_perishable=True,
            ),
            DemoProduct(
                title="Brioche tressée",
                description="Brioche au beurre et aux œufs, tressée à la main et dorée au four.",
                price=Decimal("6.50"),
                category="Viennoiseries",
                is_perishable=True,
            ),
            DemoProduct(
                title="Croissant aux amandes",
                description="Croissant garni de crème d'amande et parsemé d'amandes effilées.",
                price=Decimal("2.40"),
                category="Viennoiseries",
                is_perishable=True,
            ),
            DemoProduct(
                title="Fougasse aux olives",
                description="Fougasse ajourée à l'huile d'olive, garnie d'olives noires de Provence.",
                price=Decimal("4.20"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Fougasse aux lardons",
                description="Fougasse croustillante aux lardons fumés.",
                price=Decimal("4.50"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Fougasse aux anchois",
                description="Fougasse à l'huile d'olive et aux filets d'anchois, à la niçoise.",
                price=Decimal("4.80"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pompe à l'huile",
                description=(
                    "Galette briochée à l'huile d'olive et à la fleur "
                    "d'oranger, l'un des treize desserts de Noël."
                ),
                price=Decimal("6.50"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pain aux olives noires",
                description="Pain au levain parsemé d'olives noires et d'herbes de Provence.",
                price=Decimal("4.90"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Fougassette à la fleur d'oranger",
                description=(
                    "Petite fougasse sucrée, parfumée à la fleur d'oranger, comme dans le pays grassois."
                ),
                price=Decimal("3.20"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pissaladière (part)",
                description="Pâte à pain garnie d'oignons fondants, d'anchois et d'olives.",
                price=Decimal("3.50"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Couronne des rois provençale",
                description=(
                    "Brioche parfumée à la fleur d'oranger, couronnée de fruits confits, avec sa fève."
                ),
                price=Decimal("16.00"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Navettes à la fleur d'oranger (250 g)",
                description=(
                    "Biscuits en forme de barque, parfumés à la fleur d'oranger, à la manière marseillaise."
                ),
                price=Decimal("6.80"),
                category="Biscuits et douceurs",
            ),
            DemoProduct(
                title="Croquants aux amandes (200 g)",
                description="Biscuits secs et croquants aux amandes entières.",
                price=Decimal("5.90"),
                category="Biscuits et douceurs",
            ),
            DemoProduct(
                title="Canistrelli à l'anis (250 g)",
                description="Biscuits rustiques à l'anis et au vin blanc.",
                price=Decimal("6.50"),
                category="Biscuits et douceurs",
            ),
        ),
        palette=("#f6ead8", "#c8873a", "#3b2716"),
        motif="loaf",
    ),
    # --- Pâtisserie --------------------------------------------------------------------------------
    DemoTrade(
        code="patisserie",
        category="Pâtisserie",
        shop_name_patterns=(
            "Pâtisserie {surname}",
            "Maison {surname}",
            "Les Douceurs de {first_name}",
            "La Pâtisserie de {commune}",
            "Aux Délices de {commune}",
            "Le Comptoir Sucré",
            "Atelier {first_name} {surname}",
        ),
        taglines=(
            "Pâtisseries fines aux fruits de saison.",
            "Le sucré à la provençale, fait maison chaque jour.",
            "Calissons, tropéziennes et entremets de fête.",
            "Des gâteaux simples, de beaux produits, peu de sucre.",
            "Gâteaux de fête sur commande, pour vos plus beaux jours.",
        ),
        stories=(
            "{first_name} {surname} a fait ses classes dans des maisons de Marseille "
            "et de Nice avant d'ouvrir une pâtisserie à {commune}. La carte suit les "
            "saisons : fraises de Carpentras au printemps, abricots et melons l'été, "
            "figues et châtaignes à l'automne. Les crèmes sont montées le matin même.",
            "Dans le laboratoire de {commune}, tout est fait sur place, de la pâte feuilletée aux "
            "pralinés. {first_name} travaille les amandes de Provence et le miel de lavande d'un "
            "apiculteur voisin. Les gâteaux de mariage et de baptême sont dessinés avec chaque famille.",
            "La maison {surname} est une affaire de famille depuis trois générations. On y prépare toujours "
            "la tarte tropézienne selon la recette maison et les calissons à l'approche des fêtes. "
            "{first_name} y ajoute des créations plus légères, moins sucrées, qui laissent parler le fruit.",
            "Pour {first_name}, une bonne pâtisserie commence au marché. À {commune}, les agrumes viennent "
            "de Menton, les fruits rouges des producteurs du Vaucluse, et le chocolat est tempéré à la "
            "main. Les treize desserts de Noël sont préparés en petite quantité, sur réservation.",
        ),
        products=(
            DemoProduct(
                title="Éclair au chocolat",
                description="Pâte à choux garnie de crème pâtissière au chocolat noir.",
                price=Decimal("3.80"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Éclair au café",
                description="Pâte à choux, crème au café et glaçage fondant.",
                price=Decimal("3.80"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tartelette au citron de Menton",
                description="Pâte sablée, crème au citron de Menton et meringue légèrement dorée.",
                price=Decimal("4.50"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tartelette aux fraises de Carpentras",
                description="Sablé breton, crème vanille et fraises de Carpentras, au printemps.",
                price=Decimal("4.90"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Paris-Brest",
                description="Couronne de pâte à choux garnie d'une crème mousseline au praliné maison.",
                price=Decimal("4.80"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Millefeuille à la vanille",
                description="Feuilletage caramélisé et crème légère à la vanille.",
                price=Decimal("4.60"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Religieuse au café",
                description="Deux choux superposés, crème au café et collerette de beurre.",
                price=Decimal("4.20"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chou praliné aux amandes",
                description="Chou craquelin garni d'un praliné aux amandes de Provence.",
                price=Decimal("3.90"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Flan pâtissier (part)",
                description="Flan vanillé à la pâte brisée, cuit jusqu'à caramélisation.",
                price=Decimal("3.20"),
                category="Gâteaux individuels",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tarte aux abricots et au romarin (6 personnes)",
                description="Abricots rôtis sur une crème d'amande légèrement parfumée au romarin.",
                price=Decimal("22.00"),
                category="Entremets et tartes",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tarte au citron meringuée (6 personnes)",
                description="Crème acidulée au citron de Menton et meringue italienne.",
                price=Decimal("24.00"),
                category="Entremets et tartes",
                is_perishable=True,
            ),
            DemoProduct(
                title="Fraisier (6 personnes)",
                description="Génoise, crème mousseline vanille et fraises fraîches.",
                price=Decimal("32.00"),
                category="Entremets et tartes",
                is_perishable=True,
            ),
            DemoProduct(
                title="Entremets trois chocolats (6 personnes)",
                description=(
                    "Trois mousses superposées, chocolat noir, au lait et blanc, sur un croustillant praliné."
                ),
                price=Decimal("34.00"),
                category="Entremets et tartes",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tarte aux figues et aux amandes (6 personnes)",
                description="Figues fraîches de saison sur une crème d'amande fondante.",
                price=Decimal("24.00"),
                category="Entremets et tartes",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tarte Tatin (6 personnes)",
                description="Pommes caramélisées cuites sous une pâte brisée au beurre.",
                price=Decimal("23.00"),
                category="Entremets et tartes",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tarte tropézienne (6 personnes)",
                description="Brioche au sucre perlé garnie d'une crème légère à la fleur d'oranger.",
                price=Decimal("28.00"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tropézienne individuelle",
                description="La célèbre brioche à la crème, en format individuel.",
                price=Decimal("5.20"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Calissons d'Aix (boîte de 250 g)",
                description="Pâte d'amandes et de melon confit sur feuille d'azyme, nappée de glace royale.",
                price=Decimal("16.50"),
                category="Spécialités provençales",
            ),
            DemoProduct(
                title="Nougat blanc aux amandes (200 g)",
                description="Nougat tendre au miel de lavande et aux amandes.",
                price=Decimal("9.80"),
                category="Spécialités provençales",
            ),
            DemoProduct(
                title="Nougat noir au miel (200 g)",
                description="Nougat croquant de miel cuit et d'amandes grillées, l'un des treize desserts.",
                price=Decimal("9.50"),
                category="Spécialités provençales",
            ),
            DemoProduct(
                title="Fruits confits d'Apt (250 g)",
                description="Assortiment de fruits confits de la région d'Apt.",
                price=Decimal("14.90"),
                category="Spécialités provençales",
            ),
            DemoProduct(
                title="Oreillettes (sachet de 200 g)",
                description="Fins beignets croustillants parfumés à la fleur d'oranger, pour le Carnaval.",
                price=Decimal("6.50"),
                category="Spécialités provençales",
            ),
            DemoProduct(
                title="Tourte de blettes niçoise (6 personnes)",
                description="Tourte sucrée aux blettes, raisins secs et pignons, à la manière niçoise.",
                price=Decimal("18.00"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Gâteau des rois provençal",
                description=(
                    "Couronne briochée à la fleur d'oranger et aux fruits confits, avec fève et couronne."
                ),
                price=Decimal("22.00"),
                category="Spécialités provençales",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pièce montée de choux (par personne)",
                description=(
                    "Choux garnis et caramélisés, montés selon le "
                    "nombre d'invités. À commander une semaine avant."
                ),
                price=Decimal("6.50"),
                category="Gâteaux de fête",
                is_perishable=True,
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Gâteau de mariage à étages (par part)",
                description="Gâteau à étages dessiné avec vous, saveurs et décor au choix.",
                price=Decimal("7.50"),
                category="Gâteaux de fête",
                is_perishable=True,
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Gâteau d'anniversaire personnalisé (8 personnes)",
                description="Entremets au choix, décoré d'un message ou d'un prénom.",
                price=Decimal("42.00"),
                category="Gâteaux de fête",
                is_perishable=True,
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Number cake personnalisé (10 personnes)",
                description="Gâteau en forme de chiffre ou de lettre, garni de crème et de fruits frais.",
                price=Decimal("55.00"),
                category="Gâteaux de fête",
                is_perishable=True,
                is_made_to_order=True,
            ),
        ),
        palette=("#fbe9ec", "#d35f7c", "#3d1f2b"),
        motif="cake",
    ),
    # --- Boucherie-charcuterie ---------------------------------------------------------------------
    DemoTrade(
        code="boucherie-charcuterie",
        category="Boucherie-charcuterie",
        shop_name_patterns=(
            "Boucherie {surname}",
            "Maison {surname}",
            "La Boucherie de {commune}",
            "Boucherie-charcuterie {first_name} {surname}",
            "Au Bon Agneau",
            "L'Étal de {first_name}",
            "Charcuterie du Ventoux",
        ),
        taglines=(
            "Agneau de Sisteron, viandes de pays et charcuterie maison.",
            "Des bêtes élevées en plein air, choisies chez l'éleveur.",
            "Le goût de la viande bien maturée.",
            "Saucissons, terrines et plats du jour faits maison.",
            "Conseils de découpe et préparations à la demande.",
        ),
        stories=(
            "{first_name} {surname} achète les bêtes directement auprès d'éleveurs des "
            "Alpes-de-Haute-Provence et des Hautes-Alpes. Les carcasses sont découpées "
            "à la boutique de {commune} et le bœuf mature plusieurs semaines en "
            "chambre froide. Chaque client repart avec un conseil de cuisson.",
            "À {commune}, la maison {surname} prépare elle-même saucissons, caillettes et terrines "
            "selon des recettes de famille. Les salaisons sèchent lentement dans une cave ventilée. "
            "{first_name} tient à travailler des porcs élevés en plein air dans la région.",
            "Après un apprentissage à Gap, {first_name} a repris l'étal familial de {commune}. L'agneau "
            "de Sisteron y tient la première place, surtout à Pâques, avec le gigot et l'épaule "
            "préparés à la demande. Le vendredi, la daube provençale mijote pour les clients pressés.",
            "La boucherie {surname} défend une viande de proximité et une découpe "
            "soignée. {first_name} travaille la bête entière, des morceaux nobles aux "
            "abats, et propose des colis pour les familles. En saison, le taureau de "
            "Camargue arrive sur l'étal, pour la gardiane et les grillades.",
        ),
        products=(
            DemoProduct(
                title="Entrecôte de bœuf maturée (350 g)",
                description="Entrecôte persillée, maturée trois semaines en chambre froide.",
                price=Decimal("14.50"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Côte de bœuf (1,2 kg)",
                description="Belle côte à partager, à saisir au gril ou à la plancha.",
                price=Decimal("42.00"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Bavette d'aloyau (2 pièces, 300 g)",
                description="Morceau goûteux et tendre, à servir saignant.",
                price=Decimal("9.90"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Bœuf haché frais (500 g)",
                description="Haché minute dans la boutique, à partir de morceaux choisis.",
                price=Decimal("8.90"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Escalopes de veau (2 pièces, 250 g)",
                description="Escalopes fines taillées dans la noix de veau.",
                price=Decimal("11.80"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Rôti de veau ficelé (1 kg)",
                description="Rôti dans la noix, bardé et ficelé à la main.",
                price=Decimal("32.00"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Taureau de Camargue pour gardiane (1 kg)",
                description=(
                    "Morceaux de taureau de Camargue coupés pour la gardiane, à mariner au vin rouge."
                ),
                price=Decimal("19.50"),
                category="Bœuf et veau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Gigot d'agneau de Sisteron (2 kg)",
                description="Gigot entier d'agneau de Sisteron, à rôtir avec ail et romarin.",
                price=Decimal("58.00"),
                category="Agneau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Côtelettes d'agneau (6 pièces)",
                description="Côtelettes premières, à griller sur les sarments.",
                price=Decimal("16.80"),
                category="Agneau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Épaule d'agneau désossée et farcie (1,2 kg)",
                description="Épaule roulée et farcie aux herbes et à l'ail, préparée sur commande.",
                price=Decimal("36.00"),
                category="Agneau",
                is_perishable=True,
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Souris d'agneau (2 pièces)",
                description="Morceau fondant, à confire longuement au four.",
                price=Decimal("15.60"),
                category="Agneau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Navarin d'agneau à cuisiner (1 kg)",
                description="Collier et épaule coupés pour un navarin printanier.",
                price=Decimal("18.50"),
                category="Agneau",
                is_perishable=True,
            ),
            DemoProduct(
                title="Poulet fermier élevé en plein air (1,8 kg)",
                description="Poulet à chair ferme, élevé en plein air dans un élevage de la région.",
                price=Decimal("19.90"),
                category="Porc et volaille",
                is_perishable=True,
            ),
            DemoProduct(
                title="Côtes de porc fermier (2 pièces)",
                description="Côtes épaisses de porc élevé en plein air.",
                price=Decimal("8.40"),
                category="Porc et volaille",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chipolatas aux herbes de Provence (6 pièces)",
                description="Chipolatas maison au thym et à la sarriette, pour le barbecue.",
                price=Decimal("7.20"),
                category="Porc et volaille",
                is_perishable=True,
            ),
            DemoProduct(
                title="Merguez maison (6 pièces)",
                description="Merguez d'agneau et de bœuf, épicées juste ce qu'il faut.",
                price=Decimal("7.50"),
                category="Porc et volaille",
                is_perishable=True,
            ),
            DemoProduct(
                title="Rôti de porc aux herbes (1 kg)",
                description="Rôti dans l'échine, roulé aux herbes et à l'ail.",
                price=Decimal("16.90"),
                category="Porc et volaille",
                is_perishable=True,
            ),
            DemoProduct(
                title="Saucisson sec de montagne (250 g)",
                description="Saucisson séché lentement dans notre cave.",
                price=Decimal("8.90"),
                category="Charcuterie maison",
            ),
            DemoProduct(
                title="Saucisson d'Arles (200 g)",
                description="Saucisson fin mêlant porc et bœuf, à la manière arlésienne.",
                price=Decimal("9.80"),
                category="Charcuterie maison",
            ),
            DemoProduct(
                title="Caillettes provençales (2 pièces)",
                description="Boulettes de porc aux blettes et aux herbes, cuites dans leur crépine.",
                price=Decimal("6.80"),
                category="Charcuterie maison",
                is_perishable=True,
            ),
            DemoProduct(
                title="Terrine de campagne au thym (250 g)",
                description="Terrine rustique de porc, parfumée au thym.",
                price=Decimal("6.50"),
                category="Charcuterie maison",
                is_perishable=True,
            ),
            DemoProduct(
                title="Jambon cuit maison (4 tranches)",
                description="Jambon cuit au torchon, tranché à la demande.",
                price=Decimal("7.90"),
                category="Charcuterie maison",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pâté en croûte (2 tranches)",
                description="Farce de porc et de volaille en pâte dorée.",
                price=Decimal("7.40"),
                category="Charcuterie maison",
                is_perishable=True,
            ),
            DemoProduct(
                title="Daube provençale (part de 400 g)",
                description="Bœuf mijoté au vin rouge, à l'orange et aux olives, comme le dimanche.",
                price=Decimal("11.50"),
                category="Plats cuisinés",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pieds et paquets marseillais (2 parts)",
                description="Spécialité marseillaise de tripes farcies et pieds d'agneau, en sauce tomate.",
                price=Decimal("16.00"),
                category="Plats cuisinés",
                is_perishable=True,
            ),
            DemoProduct(
                title="Gardiane de taureau (part de 400 g)",
                description="Taureau de Camargue mijoté au vin rouge et aux olives noires.",
                price=Decimal("12.50"),
                category="Plats cuisinés",
                is_perishable=True,
            ),
            DemoProduct(
                title="Petits farcis niçois (4 pièces)",
                description="Tomates, courgettes et oignons farcis à la viande et aux herbes.",
                price=Decimal("10.80"),
                category="Plats cuisinés",
                is_perishable=True,
            ),
            DemoProduct(
                title="Colis famille sur mesure (5 kg)",
                description="Assortiment de viandes composé selon vos goûts et découpé à la demande.",
                price=Decimal("95.00"),
                category="Plats cuisinés",
                is_perishable=True,
                is_made_to_order=True,
            ),
        ),
        palette=("#f7e4e1", "#a8323e", "#33171a"),
        motif="meat",
    ),
    # --- Fromagerie --------------------------------------------------------------------------------
    DemoTrade(
        code="fromagerie",
        category="Fromagerie",
        shop_name_patterns=(
            "Fromagerie {surname}",
            "La Cave à Fromages de {commune}",
            "Le Plateau de {first_name}",
            "Maison {surname}",
            "Chez {first_name}, fromager",
            "La Bergerie de {commune}",
            "Fromagerie des Alpilles",
        ),
        taglines=(
            "Fromages fermiers de Provence et des Alpes, affinés avec soin.",
            "Chèvres frais, banons et tommes de montagne.",
            "Du lait cru, des bergers et le temps de l'affinage.",
            "Plateaux composés à la demande pour vos repas.",
            "Le meilleur des fermes de la région, à la coupe.",
        ),
        stories=(
            "{first_name} {surname} parcourt les fermes des Alpes-de-Haute-Provence pour "
            "choisir les chèvres et les brebis de la boutique. À {commune}, une cave "
            "creusée sous la maison permet d'affiner les tommes plusieurs mois. Le banon, "
            "enveloppé dans ses feuilles de châtaignier, y prend tout son caractère.",
            "La fromagerie de {commune} est née d'une passion pour les laits crus et les petits "
            "producteurs. {first_name} y propose la brousse du Rove, fraîche de la semaine, et des tommes "
            "des Hautes-Alpes. Chaque fromage est présenté avec le nom de la ferme qui l'a fabriqué.",
            "Dans la famille {surname}, on élève des chèvres dans le Var depuis "
            "trois générations. {first_name} a ouvert la boutique de {commune} pour "
            "vendre les fromages de la ferme, puis ceux des voisins. On y trouve des "
            "fromages frais du matin et des pièces plus sèches, à la croûte fleurie.",
            "Après plusieurs saisons en alpage dans le Queyras, {first_name} a appris "
            "l'affinage auprès d'un fromager de Gap. La boutique de {commune} propose "
            "une sélection courte mais exigeante, avec des plateaux composés pour "
            "chaque occasion et des conseils d'accord avec les vins de Provence.",
        ),
        products=(
            DemoProduct(
                title="Banon AOP (pièce de 100 g)",
                description=(
                    "Petit chèvre enveloppé de feuilles de châtaignier et noué de raphia, au goût franc."
                ),
                price=Decimal("6.90"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tomme de chèvre fermière (300 g)",
                description="Tomme à pâte souple, affinée deux mois en cave.",
                price=Decimal("9.80"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Crottin de chèvre du Luberon",
                description="Petit chèvre au lait cru, demi-sec, au goût de noisette.",
                price=Decimal("3.20"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chèvre cendré du Var",
                description="Chèvre affiné sous une fine couche de cendre végétale.",
                price=Decimal("4.50"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chèvre à l'huile d'olive et aux herbes (bocal)",
                description="Petits chèvres marinés dans l'huile d'olive avec thym, laurier et poivre.",
                price=Decimal("9.50"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Poivre d'âne à la sarriette",
                description="Chèvre frais roulé dans la sarriette, spécialité provençale.",
                price=Decimal("4.80"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pyramide de chèvre affinée",
                description="Pyramide à la croûte fleurie et à la pâte crémeuse.",
                price=Decimal("6.20"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chèvre en feuille de figuier",
                description="Chèvre affiné dans une feuille de figuier, aux arômes fruités.",
                price=Decimal("5.50"),
                category="Chèvre",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tomme de brebis des Alpilles (300 g)",
                description="Tomme de brebis au lait cru, fruitée et douce.",
                price=Decimal("10.50"),
                category="Brebis et vache",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tomme de vache du Champsaur (300 g)",
                description="Tomme de montagne à la pâte souple et au goût lacté.",
                price=Decimal("8.90"),
                category="Brebis et vache",
                is_perishable=True,
            ),
            DemoProduct(
                title="Bleu du Queyras (200 g)",
                description="Bleu de montagne au lait de vache, doux et crémeux.",
                price=Decimal("7.40"),
                category="Brebis et vache",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tomme de l'Ubaye (300 g)",
                description="Tomme d'alpage à la croûte naturelle, affinée quatre mois.",
                price=Decimal("9.20"),
                category="Brebis et vache",
                is_perishable=True,
            ),
            DemoProduct(
                title="Brebis affiné trois mois (250 g)",
                description="Pâte ferme aux notes de noisette grillée.",
                price=Decimal("9.60"),
                category="Brebis et vache",
                is_perishable=True,
            ),
            DemoProduct(
                title="Tomme à la lavande (250 g)",
                description="Tomme de vache parsemée de fleurs de lavande, surprenante.",
                price=Decimal("8.80"),
                category="Brebis et vache",
                is_perishable=True,
            ),
            DemoProduct(
                title="Brousse du Rove (cornet)",
                description=(
                    "Fromage frais au lait de chèvre du Rove, moulé "
                    "dans son cornet. À déguster nature ou sucré."
                ),
                price=Decimal("4.80"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Brousse de brebis (250 g)",
                description="Brousse douce et légère, idéale pour les raviolis.",
                price=Decimal("5.20"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Faisselle de chèvre (4 pots)",
                description="Caillé frais égoutté en faisselle, à servir avec du miel.",
                price=Decimal("5.60"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Fromage blanc fermier (500 g)",
                description="Fromage blanc onctueux au lait entier de la ferme.",
                price=Decimal("4.20"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Chèvre frais aux fines herbes",
                description="Chèvre frais du jour, ciboulette, persil et ail.",
                price=Decimal("3.60"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Yaourts de brebis nature (4 pots)",
                description="Yaourts fermes et doux au lait de brebis.",
                price=Decimal("5.40"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Beurre cru de baratte (250 g)",
                description="Beurre au lait cru baratté à l'ancienne, demi-sel.",
                price=Decimal("5.90"),
                category="Fromages frais",
                is_perishable=True,
            ),
            DemoProduct(
                title="Plateau découverte de Provence (6 fromages)",
                description=(
                    "Six fromages de la région choisis selon la saison, avec leurs conseils de dégustation."
                ),
                price=Decimal("32.00"),
                category="Plateaux et épicerie",
                is_perishable=True,
            ),
            DemoProduct(
                title="Plateau de fête sur mesure (10 personnes)",
                description="Plateau composé à la demande, selon vos goûts et votre menu.",
                price=Decimal("85.00"),
                category="Plateaux et épicerie",
                is_perishable=True,
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Confiture de figues pour fromages",
                description="Confiture de figues noires à servir avec les tommes.",
                price=Decimal("6.50"),
                category="Plateaux et épicerie",
            ),
            DemoProduct(
                title="Pâte de coing artisanale",
                description="Pâte de coing ferme, parfaite avec les brebis affinés.",
                price=Decimal("5.80"),
                category="Plateaux et épicerie",
            ),
            DemoProduct(
                title="Crackers au romarin",
                description="Biscuits salés croustillants au romarin et à l'huile d'olive.",
                price=Decimal("4.90"),
                category="Plateaux et épicerie",
            ),
            DemoProduct(
                title="Coffret cadeau fromager",
                description="Sélection de fromages, confiture et crackers composée sur commande.",
                price=Decimal("45.00"),
                category="Plateaux et épicerie",
                is_perishable=True,
                is_made_to_order=True,
            ),
        ),
        palette=("#fbf4dc", "#d9a521", "#3a3214"),
        motif="cheese",
    ),
    # --- Chocolaterie ------------------------------------------------------------------------------
    DemoTrade(
        code="chocolaterie",
        category="Chocolaterie",
        shop_name_patterns=(
            "Chocolaterie {surname}",
            "Maison {surname}",
            "Les Chocolats de {first_name}",
            "La Chocolaterie de {commune}",
            "Le Cacaotier",
            "Atelier du Chocolat {surname}",
            "Chocolats {first_name} {surname}",
        ),
        taglines=(
            "Ganaches et pralinés aux saveurs de Provence.",
            "Du grain à la tablette, travaillé à la main.",
            "Chocolats fins au miel, à la lavande et aux amandes.",
            "Pour offrir ou se faire plaisir, toute l'année.",
            "Moulages de Pâques et coffrets de Noël faits maison.",
        ),
        stories=(
            "{first_name} {surname} a appris le métier chez un chocolatier lyonnais avant "
            "de revenir à {commune}. L'atelier travaille des chocolats de plantation et "
            "les marie aux produits du pays : amandes de Valensole, miel de lavande, "
            "citron de Menton. Les bonbons sont enrobés à la main, par petites séries.",
            "À {commune}, la chocolaterie {surname} fait elle-même ses pralinés, en torréfiant les amandes "
            "et les noisettes sur place. {first_name} aime les ganaches peu sucrées, infusées au thym, au "
            "romarin ou à la fleur d'oranger. Pâques et Noël restent les grands rendez-vous de l'atelier.",
            "Après une première carrière en cuisine, {first_name} a choisi le chocolat pour sa précision. "
            "Dans le petit atelier de {commune}, chaque tablette est moulée, décorée et emballée à la "
            "main. Les fèves sont choisies auprès de quelques coopératives, pour leurs arômes.",
            "La maison {surname} perpétue à {commune} le savoir-faire des confiseurs provençaux. Aux côtés "
            "des ganaches, {first_name} prépare des orangettes, des mendiants et des calissons enrobés de "
            "chocolat noir. Les commandes personnalisées pour les mariages sont préparées avec soin.",
        ),
        products=(
            DemoProduct(
                title="Assortiment de ganaches (boîte de 16)",
                description="Seize bonbons de chocolat noir et au lait, aux saveurs de la maison.",
                price=Decimal("18.50"),
                category="Bonbons et ganaches",
            ),
            DemoProduct(
                title="Ganaches au miel de lavande (boîte de 9)",
                description="Ganache au chocolat au lait et au miel de lavande de Haute-Provence.",
                price=Decimal("12.50"),
                category="Bonbons et ganaches",
            ),
            DemoProduct(
                title="Pralinés aux amandes de Valensole (boîte de 12)",
                description="Praliné maison aux amandes torréfiées, enrobé de chocolat noir.",
                price=Decimal("14.90"),
                category="Bonbons et ganaches",
            ),
            DemoProduct(
                title="Ganaches thym et citron (boîte de 9)",
                description="Ganache de chocolat noir infusée au thym frais et relevée de zeste de citron.",
                price=Decimal("12.50"),
                category="Bonbons et ganaches",
            ),
            DemoProduct(
                title="Truffes au cacao (200 g)",
                description="Truffes fondantes à la crème fraîche, roulées dans le cacao.",
                price=Decimal("13.90"),
                category="Bonbons et ganaches",
                is_perishable=True,
            ),
            DemoProduct(
                title="Rochers praliné noisette (sachet de 10)",
                description="Praliné noisette enrobé de chocolat au lait et d'éclats de noisettes.",
                price=Decimal("11.50"),
                category="Bonbons et ganaches",
            ),
            DemoProduct(
                title="Ganaches à la fleur d'oranger (boîte de 9)",
                description="Ganache de chocolat blanc délicatement parfumée à la fleur d'oranger.",
                price=Decimal("12.50"),
                category="Bonbons et ganaches",
            ),
            DemoProduct(
                title="Tablette noir 70 % (100 g)",
                description="Chocolat noir intense aux notes fruitées.",
                price=Decimal("6.20"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Tablette lait et caramel au sel de Camargue (100 g)",
                description="Chocolat au lait et éclats de caramel au sel de Camargue.",
                price=Decimal("6.50"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Tablette noir aux amandes de Provence (100 g)",
                description="Chocolat noir garni d'amandes entières torréfiées.",
                price=Decimal("6.90"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Tablette blanche à la lavande (100 g)",
                description="Chocolat blanc infusé aux fleurs de lavande.",
                price=Decimal("6.50"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Tablette noir aux éclats de nougat (100 g)",
                description="Chocolat noir et éclats de nougat au miel.",
                price=Decimal("6.90"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Tablette lait aux noisettes entières (100 g)",
                description="Chocolat au lait généreux en noisettes.",
                price=Decimal("6.90"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Tablette grand cru de Madagascar 75 % (100 g)",
                description="Chocolat noir d'origine unique, aux notes acidulées de fruits rouges.",
                price=Decimal("7.50"),
                category="Tablettes",
            ),
            DemoProduct(
                title="Orangettes (sachet de 150 g)",
                description="Écorces d'orange confites enrobées de chocolat noir.",
                price=Decimal("9.90"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Mendiants noir et lait (sachet de 150 g)",
                description="Palets de chocolat garnis d'amandes, de noisettes, de figues et de raisins.",
                price=Decimal("9.50"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Calissons enrobés de chocolat (200 g)",
                description="Calissons d'Aix sous une fine couche de chocolat noir.",
                price=Decimal("15.90"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Citronnettes de Menton (150 g)",
                description="Écorces de citron de Menton confites et enrobées.",
                price=Decimal("10.50"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Amandes enrobées de chocolat (200 g)",
                description="Amandes caramélisées enrobées de chocolat et de cacao.",
                price=Decimal("8.90"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Pâte à tartiner noisette maison (250 g)",
                description="Pâte à tartiner riche en noisettes torréfiées et en cacao.",
                price=Decimal("8.50"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Guimauves enrobées de chocolat (sachet de 8)",
                description="Guimauves moelleuses à la vanille sur biscuit, enrobées de chocolat noir.",
                price=Decimal("7.90"),
                category="Confiseries",
            ),
            DemoProduct(
                title="Coffret dégustation de 24 bonbons",
                description="Vingt-quatre bonbons pour découvrir toute la gamme.",
                price=Decimal("29.00"),
                category="Coffrets et créations",
            ),
            DemoProduct(
                title="Cigale en chocolat",
                description="La cigale, emblème de la Provence, moulée en chocolat noir ou au lait.",
                price=Decimal("9.50"),
                category="Coffrets et créations",
            ),
            DemoProduct(
                title="Œuf de Pâques garni (250 g)",
                description="Moulage de Pâques garni de petites fritures et de pralinés.",
                price=Decimal("24.00"),
                category="Coffrets et créations",
            ),
            DemoProduct(
                title="Sapin de Noël en chocolat",
                description="Sapin moulé et décoré à la main, pour la table des fêtes.",
                price=Decimal("19.00"),
                category="Coffrets et créations",
            ),
            DemoProduct(
                title="Coffret personnalisé à votre message",
                description="Coffret de bonbons avec un message ou un logo imprimé sur le chocolat.",
                price=Decimal("39.00"),
                category="Coffrets et créations",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Dragées chocolat personnalisées (500 g)",
                description="Dragées au chocolat aux couleurs de votre mariage ou de votre baptême.",
                price=Decimal("32.00"),
                category="Coffrets et créations",
                is_made_to_order=True,
            ),
        ),
        palette=("#f3e7dc", "#8b4513", "#2a1810"),
        motif="chocolate",
    ),
    # --- Miellerie ---------------------------------------------------------------------------------
    DemoTrade(
        code="miellerie",
        category="Miellerie",
        shop_name_patterns=(
            "Miellerie {surname}",
            "Le Rucher de {first_name}",
            "Les Ruchers de {commune}",
            "Miels {surname}",
            "L'Abeille de {commune}",
            "Le Miel des Collines",
            "Apiculture {first_name} {surname}",
        ),
        taglines=(
            "Miels de lavande, de garrigue et de montagne, récoltés par nos soins.",
            "De la ruche au pot, extrait et mis en pot à la miellerie.",
            "Nos abeilles suivent les floraisons de Provence.",
            "Pollen, propolis, pain d'épices et douceurs de la ruche.",
            "Un miel différent à chaque saison.",
        ),
        stories=(
            "{first_name} {surname} conduit environ deux cents ruches entre le plateau de "
            "Valensole et les contreforts des Alpes. Au fil des saisons, les colonies partent "
            "en transhumance pour suivre les floraisons : romarin, lavande, châtaignier, puis "
            "bruyère. Chaque miel est extrait et mis en pot à la miellerie de {commune}.",
            "La miellerie de {commune} est une affaire de famille : le grand-père de {first_name} y "
            "a posé ses premières ruches il y a longtemps. Les pots portent le nom de la parcelle et "
            "de la floraison. On y prépare aussi du pain d'épices et du nougat au miel de lavande.",
            "Pour {first_name}, l'apiculture est d'abord une affaire d'observation. Les ruchers sont "
            "installés loin des cultures intensives, dans les garrigues du Var et les collines autour de "
            "{commune}. La récolte est modeste, mais chaque miel garde le goût précis de son terroir.",
            "Après des études d'agronomie, {first_name} {surname} a choisi les abeilles et les collines "
            "de Haute-Provence. À {commune}, la miellerie accueille les visiteurs pour des dégustations "
            "et des explications sur la vie de la ruche. Le miel de lavande reste la fierté de la maison.",
        ),
        products=(
            DemoProduct(
                title="Miel de lavande (500 g)",
                description="Miel crémeux et délicat, récolté en juillet au cœur des champs de lavande.",
                price=Decimal("12.50"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de lavande (250 g)",
                description="Notre miel de lavande en petit pot, idéal pour découvrir.",
                price=Decimal("7.50"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de romarin (500 g)",
                description="Miel clair et doux des garrigues, récolté au printemps.",
                price=Decimal("11.00"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de châtaignier (500 g)",
                description="Miel ambré, puissant et légèrement amer.",
                price=Decimal("11.50"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de thym (250 g)",
                description="Miel rare et aromatique des collines provençales.",
                price=Decimal("9.80"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de garrigue (500 g)",
                description="Miel toutes fleurs des garrigues du Var, aux notes herbacées.",
                price=Decimal("10.90"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de montagne des Alpes (500 g)",
                description="Récolté en altitude, sur les fleurs des prairies alpines.",
                price=Decimal("12.00"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel d'acacia (500 g)",
                description="Miel liquide très doux, parfait pour sucrer les boissons.",
                price=Decimal("11.80"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de tilleul (500 g)",
                description="Miel frais aux notes mentholées.",
                price=Decimal("11.50"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de bruyère blanche (250 g)",
                description="Miel ambré au goût boisé et caramélisé.",
                price=Decimal("8.90"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel crémeux de printemps (500 g)",
                description="Miel toutes fleurs brassé pour une texture onctueuse.",
                price=Decimal("10.50"),
                category="Miels",
            ),
            DemoProduct(
                title="Miel de sarriette (250 g)",
                description="Miel de fin d'été aux arômes poivrés.",
                price=Decimal("9.80"),
                category="Miels",
            ),
            DemoProduct(
                title="Pollen frais de ciste (250 g)",
                description="Pollen récolté au printemps et conservé congelé. À garder au congélateur.",
                price=Decimal("14.90"),
                category="Produits de la ruche",
                is_perishable=True,
            ),
            DemoProduct(
                title="Pollen sec toutes fleurs (200 g)",
                description="Pelotes de pollen séchées à basse température.",
                price=Decimal("9.90"),
                category="Produits de la ruche",
            ),
            DemoProduct(
                title="Propolis en teinture (15 ml)",
                description="Propolis de nos ruches en flacon compte-gouttes.",
                price=Decimal("10.50"),
                category="Produits de la ruche",
            ),
            DemoProduct(
                title="Gelée royale (10 g)",
                description="Gelée royale récoltée à la miellerie, à conserver au frais.",
                price=Decimal("18.00"),
                category="Produits de la ruche",
                is_perishable=True,
            ),
            DemoProduct(
                title="Bougie en cire d'abeille roulée",
                description="Bougie roulée à la main dans une feuille de cire gaufrée.",
                price=Decimal("6.50"),
                category="Produits de la ruche",
            ),
            DemoProduct(
                title="Cire d'abeille en pain (250 g)",
                description="Cire pure pour l'entretien du bois ou les créations.",
                price=Decimal("8.00"),
                category="Produits de la ruche",
            ),
            DemoProduct(
                title="Rayon de miel en cadre (400 g)",
                description="Miel dans sa cire, tel qu'il sort de la ruche.",
                price=Decimal("16.50"),
                category="Produits de la ruche",
            ),
            DemoProduct(
                title="Pain d'épices au miel de lavande (400 g)",
                description="Pain d'épices moelleux, riche en miel, parfumé à l'anis et à la cannelle.",
                price=Decimal("9.50"),
                category="Douceurs au miel",
            ),
            DemoProduct(
                title="Nougat au miel de lavande (150 g)",
                description="Nougat tendre aux amandes et au miel de la miellerie.",
                price=Decimal("7.90"),
                category="Douceurs au miel",
            ),
            DemoProduct(
                title="Bonbons au miel et à la propolis (100 g)",
                description="Bonbons durs fourrés au miel.",
                price=Decimal("4.50"),
                category="Douceurs au miel",
            ),
            DemoProduct(
                title="Vinaigre de miel (25 cl)",
                description="Vinaigre doux et fruité, vieilli en fût.",
                price=Decimal("8.50"),
                category="Douceurs au miel",
            ),
            DemoProduct(
                title="Hydromel traditionnel (75 cl)",
                description="Boisson fermentée au miel, à servir frais.",
                price=Decimal("16.00"),
                category="Douceurs au miel",
            ),
            DemoProduct(
                title="Miel aux amandes de Valensole (250 g)",
                description="Miel de lavande garni d'amandes grillées.",
                price=Decimal("9.50"),
                category="Douceurs au miel",
            ),
            DemoProduct(
                title="Coffret trio des garrigues (3 × 125 g)",
                description="Miels de lavande, de romarin et de thym.",
                price=Decimal("19.90"),
                category="Coffrets",
            ),
            DemoProduct(
                title="Coffret découverte des Alpes (4 × 125 g)",
                description="Quatre miels de montagne récoltés en altitude.",
                price=Decimal("24.90"),
                category="Coffrets",
            ),
            DemoProduct(
                title="Petits pots personnalisés pour mariage (lot de 20)",
                description="Pots de 50 g de miel de lavande, étiquetés à vos prénoms et à votre date.",
                price=Decimal("55.00"),
                category="Coffrets",
                is_made_to_order=True,
            ),
        ),
        palette=("#fdf3d6", "#e8a317", "#3b2a0a"),
        motif="honey",
    ),
    # --- Brasserie artisanale ----------------------------------------------------------------------
    DemoTrade(
        code="brasserie-artisanale",
        category="Brasserie artisanale",
        shop_name_patterns=(
            "Brasserie {surname}",
            "Brasserie de {commune}",
            "La Mousse de {first_name}",
            "Les Bières de {commune}",
            "Brasserie du Mistral",
            "Brasserie {first_name} {surname}",
            "Le Houblon Provençal",
        ),
        taglines=(
            "Bières artisanales brassées en Provence, non filtrées.",
            "Des recettes de saison aux parfums de garrigue.",
            "Malt, houblon, eau des Alpes et patience.",
            "Blondes, ambrées, IPA et bières de saison.",
            "Bières de caractère, à savourer avec modération.",
        ),
        stories=(
            "{first_name} {surname} a commencé à brasser dans un garage avant "
            "d'installer une petite brasserie à {commune}. Les bières sont refermentées "
            "en bouteille, sans filtration ni pasteurisation. Les recettes font la part "
            "belle aux plantes locales : thym, romarin, écorces d'agrumes.",
            "À {commune}, la brasserie {surname} travaille avec l'eau des Alpes et, quand c'est possible, "
            "des malts d'orge cultivée dans la région. {first_name} propose une gamme permanente et des "
            "bières éphémères au fil des saisons. Les visites de la salle de brassage ont lieu le samedi.",
            "Avant de brasser, {first_name} a longtemps travaillé dans les vignes du Var. De cette "
            "expérience vient le goût des assemblages et des vieillissements en fût. La brasserie "
            "de {commune} produit en petits volumes, pour garder la main sur chaque brassin.",
            "La brasserie de {commune} est née de l'amitié entre {first_name} et un voisin agriculteur "
            "qui cultive quelques rangs de houblon. Les bières sont brassées par brassins de quelques "
            "centaines de litres. La blanche à la lavande est devenue la préférée des habitués.",
        ),
        products=(
            DemoProduct(
                title="Blonde du Mistral (33 cl)",
                description="Blonde légère et désaltérante, aux notes de céréales et de miel.",
                price=Decimal("3.50"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="Blanche à la lavande (33 cl)",
                description="Bière de blé non filtrée, délicatement parfumée à la lavande.",
                price=Decimal("3.70"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="Blanche aux agrumes de Menton (33 cl)",
                description="Bière de blé aux zestes de citron et d'orange, vive et fruitée.",
                price=Decimal("3.80"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="IPA des Alpes (33 cl)",
                description="India pale ale généreusement houblonnée, aux arômes résineux.",
                price=Decimal("4.20"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="Pale ale au thym (33 cl)",
                description="Pale ale fraîche relevée d'une infusion de thym des collines.",
                price=Decimal("3.90"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="Blonde de garrigue (75 cl)",
                description="Blonde de caractère aux herbes de garrigue, à partager.",
                price=Decimal("7.50"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="Session IPA (33 cl)",
                description="Toute l'aromatique du houblon dans une bière légère.",
                price=Decimal("3.90"),
                category="Blondes et blanches",
            ),
            DemoProduct(
                title="Ambrée au miel de Provence (33 cl)",
                description="Ambrée ronde brassée avec du miel toutes fleurs.",
                price=Decimal("3.90"),
                category="Ambrées et brunes",
            ),
            DemoProduct(
                title="Brune à la châtaigne (33 cl)",
                description="Brune douce aux notes de châtaigne grillée.",
                price=Decimal("4.10"),
                category="Ambrées et brunes",
            ),
            DemoProduct(
                title="Stout au café torréfié (33 cl)",
                description="Stout noire et onctueuse, infusée au café d'un torréfacteur voisin.",
                price=Decimal("4.30"),
                category="Ambrées et brunes",
            ),
            DemoProduct(
                title="Triple ambrée (75 cl)",
                description="Bière forte et ronde, aux arômes de fruits mûrs et d'épices.",
                price=Decimal("8.50"),
                category="Ambrées et brunes",
            ),
            DemoProduct(
                title="Porter aux figues (33 cl)",
                description="Porter aux notes de chocolat et de figue sèche.",
                price=Decimal("4.30"),
                category="Ambrées et brunes",
            ),
            DemoProduct(
                title="Ambrée fumée (33 cl)",
                description="Ambrée brassée avec une part de malt fumé au bois de hêtre.",
                price=Decimal("4.10"),
                category="Ambrées et brunes",
            ),
            DemoProduct(
                title="Saison au romarin (75 cl)",
                description="Bière de ferme sèche et épicée, au romarin frais.",
                price=Decimal("7.90"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Bière de printemps au sureau (33 cl)",
                description="Blonde florale aux fleurs de sureau cueillies en mai.",
                price=Decimal("4.00"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Bière d'hiver épicée (75 cl)",
                description="Ambrée chaleureuse aux épices douces et à l'orange.",
                price=Decimal("8.90"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Bière de Noël (75 cl)",
                description="Cuvée de fin d'année, ronde et maltée.",
                price=Decimal("8.90"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Gose au sel de Camargue (33 cl)",
                description="Bière acidulée et légèrement salée, au sel de Camargue.",
                price=Decimal("4.20"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Sour à l'abricot (33 cl)",
                description="Bière acidulée aux abricots mûrs de la vallée du Rhône.",
                price=Decimal("4.50"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Bière vieillie en fût de chêne (75 cl)",
                description="Cuvée limitée, vieillie plusieurs mois en fût ayant contenu du vin de Provence.",
                price=Decimal("14.50"),
                category="Bières de saison",
            ),
            DemoProduct(
                title="Coffret découverte (6 × 33 cl)",
                description="Six bières de la gamme pour faire le tour de la brasserie.",
                price=Decimal("22.00"),
                category="Coffrets et accessoires",
            ),
            DemoProduct(
                title="Coffret de 12 bières assorties",
                description="Douze bières permanentes et de saison.",
                price=Decimal("42.00"),
                category="Coffrets et accessoires",
            ),
            DemoProduct(
                title="Verre à bière gravé au logo",
                description="Verre tulipe de 33 cl gravé au logo de la brasserie.",
                price=Decimal("6.50"),
                category="Coffrets et accessoires",
            ),
            DemoProduct(
                title="Growler en verre (1 l)",
                description="Bouteille réutilisable à faire remplir à la tireuse de la brasserie.",
                price=Decimal("15.00"),
                category="Coffrets et accessoires",
            ),
            DemoProduct(
                title="Fût de 20 l pour événement",
                description="Fût de bière pression sur réservation, avec prêt de la tireuse.",
                price=Decimal("110.00"),
                category="Coffrets et accessoires",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Bière personnalisée pour mariage (24 × 33 cl)",
                description="Notre blonde avec une étiquette à vos prénoms et à la date de votre mariage.",
                price=Decimal("98.00"),
                category="Coffrets et accessoires",
                is_made_to_order=True,
            ),
        ),
        palette=("#f6efd9", "#d08a1f", "#2c2113"),
        motif="bottle",
    ),
    # --- Moulin à huile ----------------------------------------------------------------------------
    DemoTrade(
        code="moulin-a-huile",
        category="Moulin à huile",
        shop_name_patterns=(
            "Moulin {surname}",
            "Moulin à huile de {commune}",
            "Le Moulin de {first_name}",
            "Domaine {surname}",
            "L'Huilerie de {commune}",
            "Moulin des Oliviers",
            "Les Oliviers de {first_name} {surname}",
        ),
        taglines=(
            "Huiles d'olive de Provence, extraites à notre moulin.",
            "Fruité vert, fruité mûr, fruité noir : à chacun son huile.",
            "Des olives de nos vergers, triturées dans la journée.",
            "Tapenades, olives de table et saveurs du moulin.",
            "L'or vert de Haute-Provence, de l'arbre à la bouteille.",
        ),
        stories=(
            "Le moulin de {commune} tourne chaque hiver depuis plusieurs "
            "générations. {first_name} {surname} y triture les olives des oliveraies "
            "familiales et celles des particuliers du village. Aglandau, bouteillan, "
            "picholine : chaque variété donne une huile au caractère bien différent.",
            "À {commune}, la famille {surname} entretient près de deux mille oliviers en terrasses. La "
            "récolte se fait à la main, de novembre à janvier, et les olives sont pressées dans la journée. "
            "{first_name} aime faire goûter les huiles sur un morceau de pain, comme au moulin d'autrefois.",
            "Pour {first_name}, le moment de la récolte fait toute la qualité d'une "
            "huile. Les olives vertes donnent un fruité ardent, aux notes d'artichaut "
            "et d'herbe coupée ; plus mûres, elles offrent des arômes de fruits secs. "
            "Le moulin de {commune} propose aussi le fruité noir, à l'ancienne.",
            "Après des années loin de la Provence, {first_name} a repris les oliviers de ses grands-parents "
            "près de {commune}. Les vieux arbres ont été taillés et soignés, puis un petit moulin moderne a "
            "été installé. On y prépare aussi tapenades, olives cassées et savons à l'huile d'olive.",
        ),
        products=(
            DemoProduct(
                title="Huile d'olive AOP de Haute-Provence (50 cl)",
                description="Assemblage à dominante aglandau, au fruité vert intense et légèrement poivré.",
                price=Decimal("16.50"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Huile d'olive AOP de Haute-Provence (1 l)",
                description="Notre huile AOP en grand format, pour tous les jours.",
                price=Decimal("29.00"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Fruité vert, variété aglandau (50 cl)",
                description="Huile ardente aux notes d'artichaut cru et d'amande verte.",
                price=Decimal("15.90"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Fruité mûr, variété bouteillan (50 cl)",
                description="Huile douce et ronde, aux arômes de pomme et de fruits secs.",
                price=Decimal("15.50"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Fruité noir à l'ancienne (50 cl)",
                description=(
                    "Olives maturées quelques jours avant le pressage, "
                    "pour des notes de cacao et de sous-bois."
                ),
                price=Decimal("17.50"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Huile d'olive de la vallée des Baux (50 cl)",
                description="Huile des Alpilles aux notes de foin coupé et de tomate verte.",
                price=Decimal("18.50"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Huile d'olive de Nice, variété cailletier (50 cl)",
                description="Huile délicate et douce, aux arômes d'amande et de fleurs.",
                price=Decimal("19.50"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Bidon d'huile d'olive (3 l)",
                description="Huile d'olive du moulin en bidon, pour la cuisine quotidienne.",
                price=Decimal("72.00"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Bidon d'huile d'olive (5 l)",
                description="Le format familial, à conserver à l'abri de la lumière.",
                price=Decimal("115.00"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Huile nouvelle de la récolte (50 cl)",
                description=(
                    "Huile non filtrée des premières olives de "
                    "l'hiver, à consommer dans les mois qui suivent."
                ),
                price=Decimal("16.90"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Huile d'olive au citron (25 cl)",
                description="Olives et citrons broyés ensemble au moulin.",
                price=Decimal("9.90"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Huile d'olive au basilic (25 cl)",
                description="Huile parfumée au basilic frais, pour les tomates et les pâtes.",
                price=Decimal("9.90"),
                category="Huiles d'olive",
            ),
            DemoProduct(
                title="Tapenade noire (90 g)",
                description="Olives noires, câpres, anchois et huile d'olive, à tartiner.",
                price=Decimal("6.20"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Tapenade verte aux amandes (90 g)",
                description="Olives vertes et amandes de Provence, douce et parfumée.",
                price=Decimal("6.20"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Olives cassées au fenouil (250 g)",
                description=(
                    "Olives vertes de l'automne, cassées et marinées au fenouil. À consommer rapidement."
                ),
                price=Decimal("6.90"),
                category="Olives et tapenades",
                is_perishable=True,
            ),
            DemoProduct(
                title="Olives noires piquées au sel (250 g)",
                description="Olives noires ridées, piquées et salées à sec.",
                price=Decimal("6.50"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Olives de Nice (200 g)",
                description="Petites olives cailletier en saumure, fruitées et douces.",
                price=Decimal("8.50"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Picholines vertes (250 g)",
                description="Olives vertes croquantes, idéales pour l'apéritif.",
                price=Decimal("6.50"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Anchoïade (90 g)",
                description="Crème d'anchois à l'huile d'olive et à l'ail, pour les crudités.",
                price=Decimal("6.50"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Caviar d'aubergine à l'huile d'olive (90 g)",
                description="Aubergines rôties, ail et huile d'olive du moulin.",
                price=Decimal("5.90"),
                category="Olives et tapenades",
            ),
            DemoProduct(
                title="Herbes de Provence (sachet de 50 g)",
                description="Thym, romarin, sarriette et origan des collines.",
                price=Decimal("4.50"),
                category="Épicerie fine",
            ),
            DemoProduct(
                title="Vinaigre de vin aux herbes (25 cl)",
                description="Vinaigre de vin rouge aux herbes de la garrigue.",
                price=Decimal("7.50"),
                category="Épicerie fine",
            ),
            DemoProduct(
                title="Savon à l'huile d'olive du moulin (100 g)",
                description="Savon doux fabriqué avec notre huile d'olive.",
                price=Decimal("4.90"),
                category="Épicerie fine",
            ),
            DemoProduct(
                title="Pâte d'olive à la figue (90 g)",
                description="Olives noires et figues, pour accompagner les fromages.",
                price=Decimal("6.50"),
                category="Épicerie fine",
            ),
            DemoProduct(
                title="Sel de Camargue aux herbes (150 g)",
                description="Gros sel de Camargue mêlé aux herbes de Provence.",
                price=Decimal("5.50"),
                category="Épicerie fine",
            ),
            DemoProduct(
                title="Coffret des trois fruités (3 × 25 cl)",
                description="Fruité vert, fruité mûr et fruité noir, pour comparer.",
                price=Decimal("29.00"),
                category="Coffrets",
            ),
            DemoProduct(
                title="Coffret apéritif provençal",
                description="Huile d'olive, deux tapenades, anchoïade et olives de Nice.",
                price=Decimal("35.00"),
                category="Coffrets",
            ),
            DemoProduct(
                title="Bouteille d'huile gravée au prénom (50 cl)",
                description="Notre huile AOP dans une bouteille gravée au prénom de votre choix.",
                price=Decimal("24.00"),
                category="Coffrets",
                is_made_to_order=True,
            ),
        ),
        palette=("#f1f3dc", "#7d8b2a", "#25290f"),
        motif="oil",
    ),
    # --- Poterie et céramique ----------------------------------------------------------------------
    DemoTrade(
        code="poterie-ceramique",
        category="Poterie et céramique",
        shop_name_patterns=(
            "Poterie {surname}",
            "Atelier {first_name} {surname}",
            "La Poterie de {commune}",
            "Terres de {first_name}",
            "Céramiques {surname}",
            "L'Atelier de la Terre Rouge",
            "Les Grès de {commune}",
        ),
        taglines=(
            "Vaisselle en grès et faïence tournée à la main.",
            "Des pièces utiles, solides et belles au quotidien.",
            "Terres de Provence et émaux aux couleurs du Sud.",
            "Chaque pièce est unique, tournée et émaillée à l'atelier.",
            "Céramique utilitaire et décorative, commandes sur mesure.",
        ),
        stories=(
            "{first_name} {surname} tourne la terre depuis une quinzaine d'années dans un "
            "atelier à la sortie de {commune}. Les bols, assiettes et pichets sont en grès, "
            "cuits à haute température pour un usage quotidien. Les émaux, préparés à l'atelier, "
            "rappellent les couleurs de la Provence : ocre, vert olive, bleu lavande.",
            "La Provence a une longue histoire céramique, de Moustiers à Vallauris en passant par "
            "Aubagne. À {commune}, {first_name} s'inscrit dans cette tradition en travaillant la faïence "
            "et la terre vernissée. Chaque pièce est tournée, tournassée, puis décorée à la main.",
            "Après une formation de céramiste à Aubagne, {first_name} a ouvert un "
            "atelier-boutique à {commune}. Le travail mêle tour, modelage et "
            "estampage, avec une prédilection pour les formes simples. Les services de "
            "table sont réalisés à la demande, aux couleurs choisies par les clients.",
            "L'atelier {surname} occupe une ancienne bergerie près de {commune}. {first_name} y "
            "prépare ses propres terres, en mélangeant argiles locales et grès, et enfourne "
            "plusieurs fois par mois. Les cours de tournage du samedi accueillent petits et grands.",
        ),
        products=(
            DemoProduct(
                title="Bol en grès émaillé vert olive",
                description="Bol tourné à la main, émail vert olive satiné. Va au lave-vaisselle.",
                price=Decimal("24.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Assiette plate en grès (27 cm)",
                description="Assiette robuste au bord légèrement relevé, émail mat.",
                price=Decimal("32.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Assiette creuse émaillée bleu lavande",
                description="Assiette creuse au bleu doux, pour les soupes et les pâtes.",
                price=Decimal("30.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Tasse à café avec anse",
                description="Petite tasse de 10 cl, tournée et ansée à la main.",
                price=Decimal("18.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Mug en grès moucheté",
                description="Grand mug de 35 cl en grès chamotté, émail crème moucheté.",
                price=Decimal("26.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Bol à soupe à oreilles",
                description="Bol généreux à deux anses, pour la soupe au pistou.",
                price=Decimal("28.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Gobelet en terre vernissée",
                description="Gobelet sans anse, vernis jaune de Provence.",
                price=Decimal("16.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Assiette à dessert en faïence décorée",
                description="Faïence blanche décorée à la main de brins d'olivier.",
                price=Decimal("22.00"),
                category="Vaisselle",
            ),
            DemoProduct(
                title="Pichet en terre vernissée jaune",
                description="Pichet d'un litre au vernis jaune, pour l'eau ou le rosé.",
                price=Decimal("38.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Plat à gratin ovale",
                description="Plat en grès allant au four, pour les gratins et les rôtis.",
                price=Decimal("45.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Tian en terre vernissée",
                description="Plat creux traditionnel pour le tian de légumes provençal.",
                price=Decimal("42.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Saladier en grès (28 cm)",
                description="Grand saladier tourné, émail intérieur vert olive.",
                price=Decimal("58.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Huilier en céramique",
                description="Bouteille à huile d'olive avec bec verseur en liège.",
                price=Decimal("34.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Beurrier à eau",
                description="Beurrier breton qui garde le beurre frais et tendre.",
                price=Decimal("29.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Plat de service rectangulaire",
                description="Plat long pour les poissons et les légumes grillés.",
                price=Decimal("52.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Coupelles à tapenade (lot de 4)",
                description="Petites coupelles pour l'apéritif, émaux assortis.",
                price=Decimal("32.00"),
                category="Cuisine et service",
            ),
            DemoProduct(
                title="Vase boule émaillé ocre",
                description="Vase rond aux couleurs des ocres du Roussillon.",
                price=Decimal("48.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Cigale murale en faïence",
                description="La cigale porte-bonheur, à accrocher près de la porte.",
                price=Decimal("19.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Soliflore en grès",
                description="Petit vase pour une fleur ou un brin de lavande.",
                price=Decimal("22.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Photophore ajouré",
                description="Photophore percé à la main, pour des jeux de lumière.",
                price=Decimal("35.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Cache-pot en terre cuite",
                description="Cache-pot à l'émail coulé, pour plantes d'intérieur.",
                price=Decimal("39.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Jarre de jardin en terre cuite (50 cm)",
                description="Jarre tournée et cuite pour résister au gel.",
                price=Decimal("145.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Service de table personnalisé (6 couverts)",
                description="Assiettes, bols et tasses aux formes et aux couleurs de votre choix.",
                price=Decimal("390.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Plaque de maison émaillée à votre nom",
                description="Plaque en faïence peinte à la main avec le nom de votre mas.",
                price=Decimal("65.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Mug personnalisé à votre prénom",
                description="Mug en grès gravé au prénom ou au message de votre choix.",
                price=Decimal("32.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Vasque de salle de bain sur mesure",
                description="Vasque tournée aux dimensions de votre meuble.",
                price=Decimal("260.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Carreaux émaillés sur mesure (le m²)",
                description="Carreaux faits main, émail et format au choix.",
                price=Decimal("180.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
        ),
        palette=("#f5ebe0", "#c0613a", "#32201a"),
        motif="bowl",
    ),
    # --- Bijouterie --------------------------------------------------------------------------------
    DemoTrade(
        code="bijouterie",
        category="Bijouterie",
        shop_name_patterns=(
            "Bijouterie {surname}",
            "Atelier {first_name} {surname}",
            "Les Bijoux de {first_name}",
            "L'Atelier d'Or de {commune}",
            "Maison {surname} Joaillerie",
            "L'Écrin de {commune}",
            "Bijoux du Soleil",
        ),
        taglines=(
            "Bijoux en argent et en or façonnés à la main.",
            "Créations uniques et alliances sur mesure.",
            "Des bijoux inspirés de la mer et de la lumière du Sud.",
            "Gravure, transformation et réparation de vos bijoux.",
            "L'éclat des pierres, la patience de l'établi.",
        ),
        stories=(
            "{first_name} {surname} a appris la bijouterie à l'établi, en atelier, avant d'ouvrir "
            "une boutique à {commune}. Chaque pièce est dessinée, sciée, soudée et polie à la "
            "main. Les pierres sont choisies une à une, pour leur couleur et leur éclat.",
            "À {commune}, l'atelier {surname} s'inspire des paysages de la Côte d'Azur : galets, vagues, "
            "feuilles d'olivier. {first_name} crée des collections courtes et réalise des alliances et "
            "des bagues de fiançailles sur mesure. Les bijoux de famille peuvent aussi être transformés.",
            "Pour {first_name}, un bijou raconte une histoire. Dans le petit atelier de "
            "{commune}, on vient pour faire graver une date, remonter une pierre ou imaginer "
            "une bague unique. Le métier s'exerce à l'ancienne, à la cire perdue et au marteau.",
            "La bijouterie {surname} occupe depuis de nombreuses années une ruelle de "
            "{commune}. {first_name} a repris l'atelier familial en y apportant des créations "
            "plus contemporaines, en argent martelé et en or rose. Les croix provençales et "
            "les bijoux inspirés du costume d'Arlésienne restent au catalogue.",
        ),
        products=(
            DemoProduct(
                title="Bague jonc en argent martelé",
                description="Anneau large en argent 925, martelé à la main.",
                price=Decimal("65.00"),
                category="Bagues",
            ),
            DemoProduct(
                title="Bague feuille d'olivier en argent",
                description="Deux feuilles d'olivier ciselées qui enlacent le doigt.",
                price=Decimal("78.00"),
                category="Bagues",
            ),
            DemoProduct(
                title="Bague en or jaune 9 carats et pierre de lune",
                description="Pierre de lune cabochon sertie clos sur un anneau fin.",
                price=Decimal("290.00"),
                category="Bagues",
            ),
            DemoProduct(
                title="Bague solitaire en argent et zircon",
                description="Solitaire classique, griffes en argent rhodié.",
                price=Decimal("85.00"),
                category="Bagues",
            ),
            DemoProduct(
                title="Bague fine empilable en argent",
                description="Anneau fin à porter seul ou à superposer.",
                price=Decimal("38.00"),
                category="Bagues",
            ),
            DemoProduct(
                title="Chevalière en argent",
                description="Chevalière massive au plateau lisse, prête à graver.",
                price=Decimal("145.00"),
                category="Bagues",
            ),
            DemoProduct(
                title="Pendentif cigale en argent",
                description="La cigale de Provence en argent massif, sur chaîne de 42 cm.",
                price=Decimal("55.00"),
                category="Colliers et pendentifs",
            ),
            DemoProduct(
                title="Collier croix de Camargue en argent",
                description="Croix des gardians, ancre, cœur et trident, en argent.",
                price=Decimal("69.00"),
                category="Colliers et pendentifs",
            ),
            DemoProduct(
                title="Collier galet martelé",
                description="Pendentif en forme de galet de la Méditerranée, martelé à la main.",
                price=Decimal("72.00"),
                category="Colliers et pendentifs",
            ),
            DemoProduct(
                title="Pendentif croix provençale en or 9 carats",
                description="Croix traditionnelle inspirée des bijoux d'Arlésienne.",
                price=Decimal("240.00"),
                category="Colliers et pendentifs",
            ),
            DemoProduct(
                title="Sautoir perles et argent",
                description="Long collier de perles d'eau douce sur chaîne en argent.",
                price=Decimal("120.00"),
                category="Colliers et pendentifs",
            ),
            DemoProduct(
                title="Collier brin de lavande en vermeil",
                description="Un brin de lavande délicat en argent doré à l'or fin.",
                price=Decimal("95.00"),
                category="Colliers et pendentifs",
            ),
            DemoProduct(
                title="Dormeuses en argent",
                description="Dormeuses classiques en argent, fermoir sécurisé.",
                price=Decimal("48.00"),
                category="Boucles d'oreilles",
            ),
            DemoProduct(
                title="Puces en or 9 carats",
                description="Petites puces rondes en or jaune, pour tous les jours.",
                price=Decimal("110.00"),
                category="Boucles d'oreilles",
            ),
            DemoProduct(
                title="Créoles martelées en argent",
                description="Créoles moyennes au martelage irrégulier.",
                price=Decimal("58.00"),
                category="Boucles d'oreilles",
            ),
            DemoProduct(
                title="Pendantes olive en vermeil",
                description="Petites olives en vermeil suspendues à un fil d'argent.",
                price=Decimal("85.00"),
                category="Boucles d'oreilles",
            ),
            DemoProduct(
                title="Boucles corail et argent",
                description="Perles de corail rouge montées sur argent.",
                price=Decimal("130.00"),
                category="Boucles d'oreilles",
            ),
            DemoProduct(
                title="Jonc ouvert en argent",
                description="Jonc ajustable en argent massif, finition satinée.",
                price=Decimal("89.00"),
                category="Bracelets",
            ),
            DemoProduct(
                title="Bracelet cordon et breloque cigale",
                description="Cordon coloré ajustable et petite cigale en argent.",
                price=Decimal("29.00"),
                category="Bracelets",
            ),
            DemoProduct(
                title="Bracelet maille forçat en argent",
                description="Chaîne en argent à maille forçat, fermoir mousqueton.",
                price=Decimal("75.00"),
                category="Bracelets",
            ),
            DemoProduct(
                title="Manchette martelée en laiton doré",
                description="Manchette large et légère, martelée à la main.",
                price=Decimal("65.00"),
                category="Bracelets",
            ),
            DemoProduct(
                title="Bracelet de perles de rivière",
                description="Perles d'eau douce montées sur fil, fermoir en argent.",
                price=Decimal("55.00"),
                category="Bracelets",
            ),
            DemoProduct(
                title="Alliance en or jaune 18 carats sur mesure",
                description="Alliance façonnée à votre taille, finition et largeur au choix.",
                price=Decimal("450.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Bague de fiançailles sur mesure",
                description="Bague dessinée avec vous, montée à l'atelier avec la pierre de votre choix.",
                price=Decimal("420.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Médaille de baptême gravée en or 9 carats",
                description="Médaille ronde gravée au prénom et à la date de naissance.",
                price=Decimal("180.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Gourmette gravée au prénom",
                description="Gourmette en argent gravée à la main au prénom de votre choix.",
                price=Decimal("95.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Pendentif initiale gravée en argent",
                description="Petit médaillon en argent gravé d'une initiale.",
                price=Decimal("49.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Transformation d'un bijou de famille",
                description=(
                    "Forfait de base pour refaire un bijou ancien à partir de son or et de ses pierres."
                ),
                price=Decimal("150.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
        ),
        palette=("#f7f2e6", "#c9a227", "#2b2418"),
        motif="ring",
    ),
    # --- Ébénisterie -------------------------------------------------------------------------------
    DemoTrade(
        code="ebenisterie",
        category="Ébénisterie",
        shop_name_patterns=(
            "Ébénisterie {surname}",
            "Atelier {first_name} {surname}",
            "L'Atelier du Bois de {commune}",
            "Les Meubles de {first_name}",
            "Menuiserie-ébénisterie {surname}",
            "Au Cœur du Chêne",
            "Atelier des Bois de Provence",
        ),
        taglines=(
            "Meubles sur mesure en bois massif de la région.",
            "Restauration de meubles anciens et créations contemporaines.",
            "Noyer, chêne, olivier : le bois travaillé dans les règles de l'art.",
            "Des objets en bois faits pour durer et se transmettre.",
            "Assemblages traditionnels, finitions à l'huile et à la cire.",
        ),
        stories=(
            "{first_name} {surname} travaille le bois massif dans un atelier de "
            "{commune}. Tables, buffets et bibliothèques sont dessinés avec les clients, "
            "puis réalisés pièce par pièce avec des assemblages à tenons et mortaises. "
            "Les bois viennent autant que possible de scieries des Alpes et de Provence.",
            "À {commune}, l'atelier {surname} restaure aussi les meubles provençaux anciens : buffets, "
            "panetières, radassiers. {first_name} respecte les techniques d'origine, des chevilles au "
            "vernis au tampon. Les petits objets en olivier sont tournés dans les chutes de l'atelier.",
            "Après plusieurs années dans de grands ateliers, {first_name} a ouvert son propre "
            "atelier près de {commune}. Le style mêle lignes contemporaines et essences locales : "
            "noyer, merisier, chêne et olivier. Chaque meuble est signé et daté sous le plateau.",
            "L'atelier de {commune} sent la cire et la sciure fraîche. {first_name} {surname} y fabrique "
            "des meubles sur mesure et des objets du quotidien : planches à découper, boîtes, ustensiles "
            "en olivier. Les finitions sont faites à l'huile naturelle, sans vernis brillant.",
        ),
        products=(
            DemoProduct(
                title="Table basse en noyer massif",
                description="Plateau en noyer d'un seul tenant, piètement assemblé à tenons.",
                price=Decimal("690.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Table de ferme en chêne (6 couverts)",
                description="Grande table en chêne massif, finition huilée.",
                price=Decimal("1850.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Buffet provençal en merisier",
                description="Buffet deux portes aux moulures sculptées, dans la tradition provençale.",
                price=Decimal("2400.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Tabouret en frêne",
                description="Tabouret de cuisine robuste, assise légèrement creusée.",
                price=Decimal("180.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Chaise en chêne à assise paillée",
                description="Chaise provençale à l'assise en paille de seigle.",
                price=Decimal("320.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Console murale en noyer",
                description="Console fine à un tiroir, pour l'entrée.",
                price=Decimal("480.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Bibliothèque en chêne (5 étagères)",
                description="Bibliothèque massive à étagères réglables.",
                price=Decimal("1450.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Table de chevet en merisier",
                description="Chevet à tiroir et niche, assemblage en queue d'aronde.",
                price=Decimal("390.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Banc en chêne massif",
                description="Banc de 1,60 m pour la table ou l'entrée.",
                price=Decimal("520.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Panetière provençale en noyer",
                description=(
                    "Coffre à pain ajouré à barreaux tournés, à poser sur un buffet ou à accrocher au mur."
                ),
                price=Decimal("1300.00"),
                category="Meubles",
            ),
            DemoProduct(
                title="Boîte à bijoux en olivier",
                description="Boîte à couvercle coulissant, doublée de feutrine.",
                price=Decimal("65.00"),
                category="Objets en bois",
            ),
            DemoProduct(
                title="Miroir à cadre en noyer",
                description="Miroir rectangulaire au cadre assemblé d'onglet.",
                price=Decimal("145.00"),
                category="Objets en bois",
            ),
            DemoProduct(
                title="Lampe de chevet en chêne tourné",
                description="Pied de lampe tourné, abat-jour en lin.",
                price=Decimal("135.00"),
                category="Objets en bois",
            ),
            DemoProduct(
                title="Patère murale en frêne",
                description="Trois crochets en bois tourné sur une planchette.",
                price=Decimal("45.00"),
                category="Objets en bois",
            ),
            DemoProduct(
                title="Boîte à thé marquetée",
                description="Boîte à six compartiments, couvercle en marqueterie.",
                price=Decimal("85.00"),
                category="Objets en bois",
            ),
            DemoProduct(
                title="Porte-revues en chêne",
                description="Porte-revues à poignée, assemblé sans vis.",
                price=Decimal("120.00"),
                category="Objets en bois",
            ),
            DemoProduct(
                title="Planche à découper en olivier",
                description="Planche épaisse taillée dans un bois d'olivier veiné.",
                price=Decimal("49.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Planche à fromage en noyer",
                description="Planche de service avec rigole et poignée.",
                price=Decimal("59.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Cuillères en olivier (lot de 3)",
                description="Cuillères de cuisine sculptées à la main.",
                price=Decimal("28.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Saladier tourné en olivier",
                description="Saladier tourné dans une seule pièce de bois.",
                price=Decimal("95.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Plateau de service en chêne",
                description="Plateau à poignées intégrées, finition à l'huile.",
                price=Decimal("75.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Mortier et pilon en olivier",
                description="Pour l'aïoli, le pistou et les épices.",
                price=Decimal("55.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Dessous de plat en noyer",
                description="Dessous de plat rainuré, pour protéger la table.",
                price=Decimal("24.00"),
                category="Cuisine et table",
            ),
            DemoProduct(
                title="Table sur mesure en bois massif",
                description=(
                    "Prix de départ pour une table dessinée avec vous, essence et dimensions au choix."
                ),
                price=Decimal("1600.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Dressing sur mesure (le mètre linéaire)",
                description="Dressing en bois massif adapté à votre pièce.",
                price=Decimal("950.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Bibliothèque sur mesure (le mètre linéaire)",
                description="Bibliothèque ajustée au mur, du sol au plafond.",
                price=Decimal("780.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Restauration de meuble ancien",
                description=(
                    "Forfait de base pour le nettoyage, le recollage et la finition d'un meuble ancien."
                ),
                price=Decimal("350.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Plan de travail en chêne sur mesure (le mètre)",
                description="Plan de travail massif coupé à vos cotes.",
                price=Decimal("420.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Planche gravée personnalisée",
                description="Planche à découper gravée d'un nom ou d'une date.",
                price=Decimal("69.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
        ),
        palette=("#f3ebe1", "#8b5a2b", "#2a1d12"),
        motif="wood",
    ),
    # --- Savonnerie --------------------------------------------------------------------------------
    DemoTrade(
        code="savonnerie",
        category="Savonnerie",
        shop_name_patterns=(
            "Savonnerie {surname}",
            "La Savonnerie de {commune}",
            "Les Savons de {first_name}",
            "Savonnerie du Lavandin",
            "Maison {surname}",
            "L'Atelier Savon de {commune}",
            "Savons et Senteurs de Provence",
        ),
        taglines=(
            "Savons saponifiés à froid à l'huile d'olive.",
            "Lavande, verveine, figue : les parfums de la Provence.",
            "Savon de Marseille cuit au chaudron, à l'ancienne.",
            "Des soins simples, aux ingrédients choisis.",
            "Savons, bougies et eaux florales faits à la main.",
        ),
        stories=(
            "{first_name} {surname} fabrique des savons à froid dans un petit "
            "atelier de {commune}. Les huiles d'olive viennent de moulins voisins et "
            "les huiles essentielles de distilleries du plateau de Valensole. Chaque "
            "fournée sèche quatre à six semaines avant d'être coupée et emballée.",
            "À {commune}, la savonnerie {surname} perpétue la tradition du savon de "
            "Marseille cuit au chaudron. {first_name} a appris le métier auprès d'un "
            "savonnier marseillais et suit toujours les mêmes étapes : empâtage, "
            "relargage, cuisson, lavage. Les cubes sont ensuite estampillés à la main.",
            "Pour {first_name}, un bon savon se fait avec peu d'ingrédients. L'atelier de {commune} "
            "travaille l'huile d'olive, le beurre de karité, l'argile verte et les plantes du jardin. Les "
            "recettes sont pensées pour toute la famille, des peaux sensibles aux mains de jardiniers.",
            "La savonnerie de {commune} est installée dans une ancienne magnanerie. {first_name} "
            "y fabrique savons, shampoings solides et bougies parfumées, en petites séries. Les "
            "visiteurs peuvent assister à la découpe des pains de savon le mercredi matin.",
        ),
        products=(
            DemoProduct(
                title="Savon de Marseille à l'huile d'olive (cube de 300 g)",
                description="Cube vert cuit au chaudron, pour la toilette comme pour le linge.",
                price=Decimal("6.50"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon au lait d'ânesse (100 g)",
                description="Savon doux et crémeux au lait d'ânesse d'un élevage du Var.",
                price=Decimal("6.90"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon à la lavande fine (100 g)",
                description="Savon à l'huile d'olive et à l'huile essentielle de lavande de Haute-Provence.",
                price=Decimal("5.90"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon verveine et citron (100 g)",
                description="Un parfum frais et acidulé pour le matin.",
                price=Decimal("5.50"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon à l'argile verte (100 g)",
                description="Savon purifiant pour les peaux mixtes.",
                price=Decimal("5.50"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon figue et miel (100 g)",
                description="Savon gourmand au miel de la région et au parfum de figue.",
                price=Decimal("5.90"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon exfoliant aux noyaux d'olive (100 g)",
                description="Noyaux d'olive broyés pour un gommage doux.",
                price=Decimal("5.90"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon surgras au karité (100 g)",
                description="Savon très doux, riche en beurre de karité.",
                price=Decimal("6.20"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon à barbe à l'huile d'olive (100 g)",
                description="Savon à la mousse dense, pour le blaireau.",
                price=Decimal("7.50"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon à la fleur d'oranger (100 g)",
                description="Parfum délicat de fleur d'oranger, à la grassoise.",
                price=Decimal("5.90"),
                category="Savons",
            ),
            DemoProduct(
                title="Savon liquide à l'huile d'olive (500 ml)",
                description="Savon liquide pour les mains, en flacon pompe.",
                price=Decimal("9.90"),
                category="Savons",
            ),
            DemoProduct(
                title="Shampoing solide au romarin (75 g)",
                description="Shampoing pour cheveux normaux, au romarin et à l'ortie.",
                price=Decimal("8.90"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Baume à lèvres à la cire d'abeille",
                description="Baume nourrissant à la cire d'abeille et à l'huile d'olive.",
                price=Decimal("4.90"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Crème pour les mains à l'huile d'olive (50 ml)",
                description="Crème riche, non grasse, pour les mains sèches.",
                price=Decimal("9.50"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Huile de massage à la lavande (100 ml)",
                description="Huile d'amande douce et de lavande, pour le soir.",
                price=Decimal("14.50"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Eau florale de lavande (200 ml)",
                description="Hydrolat de lavande, en brume pour le visage.",
                price=Decimal("9.90"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Déodorant solide à la sauge",
                description="Déodorant en stick au bicarbonate et à la sauge.",
                price=Decimal("8.50"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Beurre corporel karité et figue (100 ml)",
                description="Beurre fondant pour le corps, au parfum de figue.",
                price=Decimal("14.90"),
                category="Soins du corps",
            ),
            DemoProduct(
                title="Bougie parfumée à la lavande",
                description="Bougie en cire végétale coulée dans un pot en verre.",
                price=Decimal("18.00"),
                category="Maison et senteurs",
            ),
            DemoProduct(
                title="Sachet de lavande en toile de lin",
                description="Fleurs de lavande séchées, pour parfumer les armoires.",
                price=Decimal("6.50"),
                category="Maison et senteurs",
            ),
            DemoProduct(
                title="Copeaux de savon de Marseille (1 kg)",
                description="Copeaux de savon pour la lessive à la main ou en machine.",
                price=Decimal("12.90"),
                category="Maison et senteurs",
            ),
            DemoProduct(
                title="Brume d'oreiller à la lavande (100 ml)",
                description="Quelques pulvérisations sur l'oreiller avant de dormir.",
                price=Decimal("12.50"),
                category="Maison et senteurs",
            ),
            DemoProduct(
                title="Porte-savon en bois d'olivier",
                description="Porte-savon rainuré qui laisse sécher le savon.",
                price=Decimal("12.00"),
                category="Maison et senteurs",
            ),
            DemoProduct(
                title="Bouquet de lavande séchée",
                description="Bouquet cueilli et séché à l'ombre, en juillet.",
                price=Decimal("8.00"),
                category="Maison et senteurs",
            ),
            DemoProduct(
                title="Coffret trois savons de Provence",
                description="Lavande, fleur d'oranger et verveine dans une boîte en carton.",
                price=Decimal("17.50"),
                category="Coffrets",
            ),
            DemoProduct(
                title="Coffret soin à la lavande",
                description="Savon, eau florale, huile de massage et sachet de lavande.",
                price=Decimal("34.00"),
                category="Coffrets",
            ),
            DemoProduct(
                title="Savons personnalisés pour mariage (lot de 20)",
                description="Petits savons de 30 g emballés à vos prénoms et à la date de la fête.",
                price=Decimal("60.00"),
                category="Coffrets",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Coffret cadeau composé à la demande",
                description="Coffret composé selon vos envies et votre budget.",
                price=Decimal("39.00"),
                category="Coffrets",
                is_made_to_order=True,
            ),
        ),
        palette=("#f1eef8", "#8a6fc0", "#241d36"),
        motif="soap",
    ),
    # --- Maroquinerie ------------------------------------------------------------------------------
    DemoTrade(
        code="maroquinerie",
        category="Maroquinerie",
        shop_name_patterns=(
            "Maroquinerie {surname}",
            "Atelier {first_name} {surname}",
            "Les Cuirs de {commune}",
            "Sellerie {surname}",
            "Le Cuir de {first_name}",
            "L'Atelier du Cuir",
            "Maison {surname}",
        ),
        taglines=(
            "Sacs et petite maroquinerie cousus main au point sellier.",
            "Cuirs tannés végétal, faits pour durer des années.",
            "Des pièces sobres, solides et réparables.",
            "Personnalisation et gravure à chaud de vos initiales.",
            "Un savoir-faire de sellier au service du quotidien.",
        ),
        stories=(
            "{first_name} {surname} coud chaque pièce à la main, au point sellier, dans un "
            "atelier de {commune}. Les cuirs, tannés végétal, sont choisis pour leur tenue "
            "et leur patine. Les sacs sont conçus pour être réparés plutôt que remplacés.",
            "À {commune}, la sellerie {surname} travaille d'abord pour les cavaliers de Camargue : brides, "
            "têtières, sacoches. {first_name} a peu à peu développé une ligne de sacs et de ceintures "
            "inspirée du harnachement des gardians. Les boucles en laiton sont fixées à la main.",
            "Après une formation en maroquinerie, {first_name} a ouvert un atelier-boutique à {commune}. On "
            "y trouve des portefeuilles, des ceintures et des sacs, mais aussi des pièces uniques réalisées "
            "sur commande. Les initiales peuvent être gravées à chaud sur la plupart des modèles.",
            "La maison {surname} a longtemps fabriqué des selles dans l'arrière-pays niçois. "
            "{first_name} perpétue ce savoir-faire avec des objets plus petits, en cuir épais et "
            "coutures apparentes. Chaque article est numéroté et accompagné d'un conseil d'entretien.",
        ),
        products=(
            DemoProduct(
                title="Sac cabas en cuir naturel",
                description="Grand cabas en cuir pleine fleur, anses cousues main.",
                price=Decimal("245.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sac besace en cuir tanné végétal",
                description="Besace à rabat et bandoulière réglable.",
                price=Decimal("220.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sac à main demi-lune",
                description="Petit sac arrondi à fermeture zippée, porté épaule.",
                price=Decimal("195.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sac à dos en cuir",
                description="Sac à dos à rabat et sangles en cuir, pour la ville.",
                price=Decimal("320.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sacoche à rabat",
                description="Sacoche pour ordinateur ou documents, deux soufflets.",
                price=Decimal("260.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Pochette en cuir grainé",
                description="Pochette plate à glissière, pour le soir.",
                price=Decimal("89.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sac week-end en cuir et toile",
                description="Grand sac de voyage en toile épaisse et cuir.",
                price=Decimal("390.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sac seau en cuir souple",
                description="Sac seau à cordon coulissant, cuir d'agneau.",
                price=Decimal("210.00"),
                category="Sacs",
            ),
            DemoProduct(
                title="Sac sur mesure",
                description=(
                    "Prix de départ pour un sac dessiné avec vous, cuir, couleur et dimensions au choix."
                ),
                price=Decimal("350.00"),
                category="Sacs",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Portefeuille en cuir cousu main",
                description="Portefeuille à billets et huit cartes, coutures sellier.",
                price=Decimal("89.00"),
                category="Petite maroquinerie",
            ),
            DemoProduct(
                title="Porte-cartes minimaliste",
                description="Porte-cartes fin à quatre emplacements.",
                price=Decimal("35.00"),
                category="Petite maroquinerie",
            ),
            DemoProduct(
                title="Porte-monnaie à soufflet",
                description="Porte-monnaie à rabat et bouton pression.",
                price=Decimal("42.00"),
                category="Petite maroquinerie",
            ),
            DemoProduct(
                title="Étui à lunettes en cuir",
                description="Étui rigide doublé de feutrine.",
                price=Decimal("38.00"),
                category="Petite maroquinerie",
            ),
            DemoProduct(
                title="Porte-clés en cuir",
                description="Porte-clés à anneau en laiton massif.",
                price=Decimal("15.00"),
                category="Petite maroquinerie",
            ),
            DemoProduct(
                title="Protège-passeport en cuir",
                description="Étui pour passeport avec fente pour cartes et billets.",
                price=Decimal("45.00"),
                category="Petite maroquinerie",
            ),
            DemoProduct(
                title="Portefeuille personnalisé aux initiales",
                description="Notre portefeuille cousu main, gravé à chaud de vos initiales.",
                price=Decimal("99.00"),
                category="Petite maroquinerie",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Ceinture en cuir tanné végétal (35 mm)",
                description="Ceinture épaisse et souple, boucle en laiton.",
                price=Decimal("65.00"),
                category="Ceintures",
            ),
            DemoProduct(
                title="Ceinture de gardian à boucle en laiton",
                description="Ceinture inspirée des harnachements de Camargue.",
                price=Decimal("79.00"),
                category="Ceintures",
            ),
            DemoProduct(
                title="Ceinture tressée en cuir",
                description="Ceinture tressée à la main, ajustable à tous les trous.",
                price=Decimal("72.00"),
                category="Ceintures",
            ),
            DemoProduct(
                title="Ceinture fine (25 mm)",
                description="Ceinture étroite pour les robes et les pantalons légers.",
                price=Decimal("55.00"),
                category="Ceintures",
            ),
            DemoProduct(
                title="Ceinture sur mesure gravée à vos initiales",
                description="Ceinture coupée à votre tour de taille et gravée de vos initiales.",
                price=Decimal("85.00"),
                category="Ceintures",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Bracelet en cuir tressé",
                description="Bracelet tressé à fermoir aimanté.",
                price=Decimal("25.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Collier pour chien en cuir",
                description="Collier doublé, boucle en laiton, plusieurs tailles.",
                price=Decimal("39.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Laisse en cuir cousue main",
                description="Laisse de 1,20 m au mousqueton robuste.",
                price=Decimal("49.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Sous-main de bureau en cuir",
                description="Grand sous-main en cuir épais, bords teintés.",
                price=Decimal("85.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Trousse de toilette en cuir",
                description="Trousse zippée doublée d'une toile enduite.",
                price=Decimal("69.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Sangle de guitare en cuir",
                description="Sangle réglable en cuir épais, confortable sur l'épaule.",
                price=Decimal("75.00"),
                category="Accessoires",
            ),
        ),
        palette=("#f4ebe4", "#b86b3a", "#2e1c14"),
        motif="bag",
    ),
    # --- Couture -----------------------------------------------------------------------------------
    DemoTrade(
        code="couture",
        category="Couture",
        shop_name_patterns=(
            "Atelier {first_name} {surname}",
            "Couture {surname}",
            "L'Atelier de Couture de {commune}",
            "Les Créations de {first_name}",
            "Maison {surname}",
            "Le Fil d'Azur",
            "Au Dé d'Argent",
        ),
        taglines=(
            "Vêtements cousus main, sur mesure et en petites séries.",
            "Tissus provençaux, lin et coton, pour toutes les saisons.",
            "Retouches, créations et robes de cérémonie.",
            "Des vêtements ajustés à vous, faits pour durer.",
            "L'élégance simple, cousue dans le Sud.",
        ),
        stories=(
            "{first_name} {surname} coud depuis l'enfance et a ouvert un atelier de "
            "couture à {commune} après un passage par des ateliers de costumes de théâtre. "
            "Les vêtements sont coupés dans du lin, du coton et des tissus imprimés "
            "provençaux. Chaque pièce peut être ajustée à la morphologie de chacun.",
            "À {commune}, l'atelier {surname} réalise des robes de mariée, des tenues de cérémonie et des "
            "costumes traditionnels provençaux. {first_name} reçoit sur rendez-vous pour les prises de "
            "mesures et les essayages. Les tissus anciens de famille peuvent être intégrés aux créations.",
            "Pour {first_name}, la couture est un métier de patience. Dans l'atelier de {commune}, "
            "les collections sont courtes, en petites séries, et les chutes de tissu servent aux "
            "accessoires. Les retouches et les réparations font aussi partie du quotidien.",
            "L'atelier de {commune} mêle tradition et modernité : {first_name} {surname} "
            "revisite les indiennes et les piqués de Provence en vêtements "
            "d'aujourd'hui. Chemises, jupes et vestes sont cousues sur place. Le costume "
            "d'Arlésienne, lui, est réalisé sur commande, avec le plus grand soin.",
        ),
        products=(
            DemoProduct(
                title="Robe en lin lavé",
                description="Robe droite à manches courtes en lin lavé, douce dès le premier jour.",
                price=Decimal("145.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Blouse en coton imprimé provençal",
                description="Blouse ample à col rond dans une indienne fleurie.",
                price=Decimal("79.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Jupe portefeuille en lin",
                description="Jupe mi-longue nouée à la taille.",
                price=Decimal("89.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Veste courte en lin",
                description="Veste légère non doublée, boutons en corozo.",
                price=Decimal("135.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Pantalon large en lin",
                description="Pantalon fluide à taille élastiquée et poches côté.",
                price=Decimal("95.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Robe d'été à fines bretelles",
                description="Robe légère en voile de coton, idéale pour les soirs d'été.",
                price=Decimal("110.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Kimono en coton imprimé",
                description="Veste kimono en coton imprimé, à porter ouverte.",
                price=Decimal("98.00"),
                category="Femme",
            ),
            DemoProduct(
                title="Chemise en lin à col officier",
                description="Chemise en lin lavé, col officier et boutons nacre.",
                price=Decimal("89.00"),
                category="Homme",
            ),
            DemoProduct(
                title="Chemise de gardian en coton imprimé",
                description="Chemise à motifs provençaux, inspirée des gardians de Camargue.",
                price=Decimal("95.00"),
                category="Homme",
            ),
            DemoProduct(
                title="Pantalon en toile de coton",
                description="Pantalon droit en toile épaisse, coupe confortable.",
                price=Decimal("98.00"),
                category="Homme",
            ),
            DemoProduct(
                title="Veste de travail en coton épais",
                description="Veste à quatre poches inspirée des bleus de travail.",
                price=Decimal("140.00"),
                category="Homme",
            ),
            DemoProduct(
                title="Gilet sans manches en lin",
                description="Gilet de costume en lin, dos en satin de coton.",
                price=Decimal("85.00"),
                category="Homme",
            ),
            DemoProduct(
                title="Robe fillette en coton provençal",
                description="Robe à smocks dans un tissu imprimé de Provence.",
                price=Decimal("55.00"),
                category="Enfant",
            ),
            DemoProduct(
                title="Chemise enfant en lin",
                description="Petite chemise en lin pour les fêtes et les beaux jours.",
                price=Decimal("45.00"),
                category="Enfant",
            ),
            DemoProduct(
                title="Barboteuse en coton",
                description="Barboteuse à pressions pour les tout-petits.",
                price=Decimal("39.00"),
                category="Enfant",
            ),
            DemoProduct(
                title="Tablier d'enfant à poches",
                description="Tablier enduit pour la cuisine et la peinture.",
                price=Decimal("25.00"),
                category="Enfant",
            ),
            DemoProduct(
                title="Foulard en coton imprimé",
                description="Foulard carré dans une indienne aux couleurs du Sud.",
                price=Decimal("29.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Tablier de cuisine en toile de Provence",
                description="Tablier à bavette et grande poche.",
                price=Decimal("35.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Sac en toile doublé",
                description="Sac cabas en toile imprimée, doublé et renforcé.",
                price=Decimal("39.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Chouchous en chutes de tissu (lot de 3)",
                description="Chouchous cousus dans les chutes de l'atelier.",
                price=Decimal("12.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Bob en lin",
                description="Chapeau bob réversible, lin uni et coton imprimé.",
                price=Decimal("32.00"),
                category="Accessoires",
            ),
            DemoProduct(
                title="Robe de mariée sur mesure",
                description="Robe dessinée et cousue pour vous, avec plusieurs essayages à l'atelier.",
                price=Decimal("1800.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Costume sur mesure",
                description="Veste et pantalon coupés à vos mesures, tissu au choix.",
                price=Decimal("950.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Robe de cérémonie sur mesure",
                description="Robe pour les mariages et les baptêmes, ajustée à vos mesures.",
                price=Decimal("480.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Costume d'Arlésienne sur mesure",
                description=(
                    "Costume traditionnel complet, jupe, caraco, fichu et coiffe, réalisé à vos mesures."
                ),
                price=Decimal("1500.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Chemise sur mesure",
                description="Chemise coupée à vos mesures, col et poignets au choix.",
                price=Decimal("160.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Ourlet de pantalon",
                description="Retouche d'ourlet à votre longueur, faite à la main ou à la machine.",
                price=Decimal("15.00"),
                category="Sur mesure",
                is_made_to_order=True,
            ),
        ),
        palette=("#eaf1f8", "#3f6fa8", "#1a2638"),
        motif="garment",
    ),
    # --- Coutellerie -------------------------------------------------------------------------------
    DemoTrade(
        code="coutellerie",
        category="Coutellerie",
        shop_name_patterns=(
            "Coutellerie {surname}",
            "Atelier {first_name} {surname}",
            "La Forge de {commune}",
            "Les Lames de {first_name}",
            "Coutellerie du Verdon",
            "Maison {surname}",
            "Forge et Coutellerie {surname}",
        ),
        taglines=(
            "Couteaux forgés à la main, manches en bois de Provence.",
            "Des lames faites pour couper, durer et s'affûter.",
            "Couteaux de poche, de cuisine et de table.",
            "Personnalisation, gravure et affûtage à l'atelier.",
            "Le feu de la forge et la patience de l'émouture.",
        ),
        stories=(
            "{first_name} {surname} forge les lames à {commune}, dans un atelier où le feu est "
            "allumé dès le petit matin. Acier carbone ou inox, chaque lame est trempée, meulée "
            "puis affûtée à la main. Les manches sont taillés dans l'olivier, le buis ou la corne.",
            "À {commune}, la coutellerie {surname} a créé un couteau de poche aux lignes "
            "simples, inspiré des couteaux de berger des Alpes. {first_name} réalise "
            "aussi des couteaux de cuisine sur commande, adaptés à la main de chaque "
            "cuisinier. L'affûtage des couteaux des clients se fait le samedi matin.",
            "Pour {first_name}, un bon couteau est un outil avant d'être un objet. L'atelier de "
            "{commune} propose des couteaux de table, de cuisine et de poche, tous montés à la main. "
            "Les manches en olivier de Provence, à la veinure unique, font la réputation de la maison.",
            "Après une première vie dans la mécanique, {first_name} a découvert la "
            "forge lors d'un stage et ne l'a plus quittée. Le petit atelier de "
            "{commune} produit quelques dizaines de couteaux par mois, tous numérotés. "
            "Chaque pièce est livrée avec un étui en cuir et des conseils d'entretien.",
        ),
        products=(
            DemoProduct(
                title="Couteau de poche à manche en olivier",
                description="Couteau pliant à lame inox de 8 cm et manche en olivier.",
                price=Decimal("85.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Couteau de berger à manche en buis",
                description="Couteau robuste inspiré des couteaux de berger alpins.",
                price=Decimal("95.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Couteau pliant lame carbone et corne",
                description="Lame en acier carbone qui se patine avec le temps.",
                price=Decimal("120.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Couteau de poche à cran forcé",
                description="Ouverture ferme et sûre, mitres en laiton.",
                price=Decimal("140.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Couteau de poche damas et genévrier",
                description="Lame en acier damassé forgée à l'atelier, manche en genévrier.",
                price=Decimal("260.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Serpette de cueillette",
                description="Petite lame courbe pour les champignons, les fleurs et la vigne.",
                price=Decimal("45.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Couteau de chasse à lame fixe",
                description="Lame fixe de 12 cm livrée avec un étui en cuir.",
                price=Decimal("180.00"),
                category="Couteaux de poche",
            ),
            DemoProduct(
                title="Couteau de poche gravé à votre prénom",
                description="Notre couteau en olivier, lame gravée d'un prénom ou d'une date.",
                price=Decimal("110.00"),
                category="Couteaux de poche",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Couteau de chef (20 cm)",
                description="Lame polyvalente forgée, équilibrée pour émincer et trancher.",
                price=Decimal("165.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau d'office à manche en olivier",
                description="Petit couteau pour éplucher et tailler les légumes.",
                price=Decimal("55.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau à pain à lame crantée",
                description="Lame longue à dents pour les croûtes épaisses.",
                price=Decimal("75.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau à désosser",
                description="Lame fine et rigide pour la viande et la volaille.",
                price=Decimal("85.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Santoku (18 cm)",
                description="Lame large de tradition japonaise, pour les légumes.",
                price=Decimal("155.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau à huîtres à manche en olivier",
                description="Lame courte et solide, garde protectrice.",
                price=Decimal("35.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau à fromage",
                description="Lame ajourée à double pointe, pour servir.",
                price=Decimal("48.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau à jambon",
                description="Lame longue et souple pour des tranches très fines.",
                price=Decimal("110.00"),
                category="Couteaux de cuisine",
            ),
            DemoProduct(
                title="Couteau de chef sur mesure",
                description="Couteau forgé selon votre main et votre usage, acier et manche au choix.",
                price=Decimal("320.00"),
                category="Couteaux de cuisine",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Coffret de 6 couteaux de table en olivier",
                description="Six couteaux de table aux manches en olivier.",
                price=Decimal("210.00"),
                category="Couteaux de table",
            ),
            DemoProduct(
                title="Couteaux à steak en buis (lot de 4)",
                description="Lames pleines et manches en buis clair.",
                price=Decimal("150.00"),
                category="Couteaux de table",
            ),
            DemoProduct(
                title="Couteau à beurre en olivier",
                description="Spatule en olivier pour le beurre et les tartinades.",
                price=Decimal("22.00"),
                category="Couteaux de table",
            ),
            DemoProduct(
                title="Service à découper",
                description="Couteau et fourchette à découper, manches assortis.",
                price=Decimal("145.00"),
                category="Couteaux de table",
            ),
            DemoProduct(
                title="Coffret de table personnalisé aux initiales",
                description="Six couteaux de table gravés de vos initiales, dans un coffret en bois.",
                price=Decimal("260.00"),
                category="Couteaux de table",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Pierre à aiguiser double face",
                description="Pierre à eau grain 1000 et 6000, pour un fil parfait.",
                price=Decimal("39.00"),
                category="Entretien et accessoires",
            ),
            DemoProduct(
                title="Fusil d'affûtage",
                description="Fusil en céramique pour redresser le fil entre deux affûtages.",
                price=Decimal("45.00"),
                category="Entretien et accessoires",
            ),
            DemoProduct(
                title="Étui en cuir pour couteau de poche",
                description="Étui cousu main à passant de ceinture.",
                price=Decimal("25.00"),
                category="Entretien et accessoires",
            ),
            DemoProduct(
                title="Huile d'entretien pour lames et manches",
                description="Huile alimentaire pour protéger l'acier et nourrir le bois.",
                price=Decimal("9.50"),
                category="Entretien et accessoires",
            ),
            DemoProduct(
                title="Bloc aimanté en noyer",
                description="Support aimanté pour ranger cinq couteaux de cuisine.",
                price=Decimal("65.00"),
                category="Entretien et accessoires",
            ),
            DemoProduct(
                title="Affûtage d'un couteau",
                description="Affûtage à la meule à eau et finition au cuir, à l'atelier.",
                price=Decimal("8.00"),
                category="Entretien et accessoires",
            ),
        ),
        palette=("#edf0f2", "#5b7083", "#1c232b"),
        motif="knife",
    ),
    # --- Santonnier --------------------------------------------------------------------------------
    DemoTrade(
        code="santonnier",
        category="Santonnier",
        shop_name_patterns=(
            "Santons {surname}",
            "Atelier de santons {first_name} {surname}",
            "Les Santons de {commune}",
            "La Crèche de {first_name}",
            "Santonnier {surname}",
            "L'Atelier des Santons",
            "Au Petit Village Provençal",
        ),
        taglines=(
            "Santons de Provence modelés et peints à la main.",
            "Tous les personnages de la crèche provençale.",
            "Argile, pinceaux et traditions de Noël.",
            "Santons d'argile et santons habillés, en plusieurs tailles.",
            "Décors de crèche et pièces uniques sur commande.",
        ),
        stories=(
            "{first_name} {surname} façonne les santons à {commune} selon la tradition "
            "provençale. L'argile est pressée dans des moules en plâtre, ébarbée, séchée puis "
            "cuite, avant d'être peinte à la main, figurine par figurine. Le pistachier, le "
            "tambourinaire et la poissonnière côtoient les bergers et les rois mages.",
            "L'atelier {surname} fabrique des santons depuis trois générations. "
            "{first_name} a hérité des moules de la famille et en crée de nouveaux "
            "chaque année, inspirés des métiers et des habitants de {commune}. Les "
            "foires aux santons de décembre restent le grand rendez-vous de l'année.",
            "À {commune}, {first_name} réalise surtout des santons habillés, aux costumes cousus dans "
            "des tissus provençaux. Les visages et les mains sont modelés dans l'argile, puis vêtus de "
            "jupons, de châles et de tabliers. Chaque personnage demande plusieurs heures de travail.",
            "Pour {first_name}, la crèche provençale raconte la vie d'un village. Dans l'atelier de "
            "{commune}, on peut voir chaque étape, du modelage à la peinture, et commander un santon à "
            "l'image d'un proche. Les décors de crèche, mas, puits et moulins, sont aussi faits à la main.",
        ),
        products=(
            DemoProduct(
                title="La Sainte Famille (3 santons, 7 cm)",
                description="Marie, Joseph et l'Enfant Jésus, peints à la main.",
                price=Decimal("45.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le berger et son agneau (7 cm)",
                description="Le berger porte un agneau sur ses épaules, sous sa cape.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le tambourinaire (7 cm)",
                description="Il mène la marche avec son galoubet et son tambourin.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="La poissonnière (7 cm)",
                description="Sa corbeille pleine de poissons frais du Vieux-Port.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le ravi (7 cm)",
                description="Les bras levés au ciel, émerveillé par la Nativité.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le meunier et son sac de farine (7 cm)",
                description="Le meunier porte sa farine au boulanger du village.",
                price=Decimal("17.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="La fileuse (7 cm)",
                description="Assise avec sa quenouille, elle file la laine.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Les trois rois mages (7 cm)",
                description="Melchior, Gaspard et Balthazar et leurs présents.",
                price=Decimal("48.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="L'Arlésienne (7 cm)",
                description="En costume d'Arles, coiffe et fichu de dentelle.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le vieux et la vieille (7 cm)",
                description="Le couple de vieux Provençaux, bras dessus bras dessous.",
                price=Decimal("30.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le boulanger et ses fougasses (7 cm)",
                description="Il apporte le pain et les fougasses à la crèche.",
                price=Decimal("17.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="L'âne et le bœuf (7 cm)",
                description="Les deux animaux qui réchauffent l'Enfant de leur souffle.",
                price=Decimal("28.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Le pistachier (7 cm)",
                description="Le paysan étourdi, un lapin sous le bras.",
                price=Decimal("16.00"),
                category="Santons d'argile",
            ),
            DemoProduct(
                title="Berger habillé (20 cm)",
                description="Berger vêtu d'une cape de laine et coiffé d'un chapeau de feutre.",
                price=Decimal("68.00"),
                category="Santons habillés",
            ),
            DemoProduct(
                title="Arlésienne habillée (25 cm)",
                description="Arlésienne en costume traditionnel cousu main, ruban et fichu.",
                price=Decimal("95.00"),
                category="Santons habillés",
            ),
            DemoProduct(
                title="Marchande de lavande habillée (20 cm)",
                description="Tablier provençal et panier rempli de bouquets de lavande.",
                price=Decimal("72.00"),
                category="Santons habillés",
            ),
            DemoProduct(
                title="Gardian habillé (25 cm)",
                description="Le gardian de Camargue, chemise à motifs et trident.",
                price=Decimal("89.00"),
                category="Santons habillés",
            ),
            DemoProduct(
                title="Sainte Famille habillée (20 cm)",
                description="Marie, Joseph et l'Enfant, vêtus de tissus choisis.",
                price=Decimal("185.00"),
                category="Santons habillés",
            ),
            DemoProduct(
                title="Vieille au fagot habillée (20 cm)",
                description="Châle de laine et fagot de bois sur le dos.",
                price=Decimal("70.00"),
                category="Santons habillés",
            ),
            DemoProduct(
                title="Mas provençal pour crèche",
                description="Mas en terre cuite aux volets bleus et tuiles rondes.",
                price=Decimal("75.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Puits en pierre pour crèche",
                description="Petit puits avec sa ferronnerie et son seau.",
                price=Decimal("24.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Moulin à vent miniature",
                description="Moulin à vent aux ailes en bois, comme à Fontvieille.",
                price=Decimal("58.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Étable de la Nativité",
                description="Étable en bois et terre, avec sa mangeoire.",
                price=Decimal("65.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Pont de village en terre cuite",
                description="Pont de pierre pour franchir la rivière de la crèche.",
                price=Decimal("32.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Oliviers miniatures (lot de 3)",
                description="Petits oliviers pour planter le décor provençal.",
                price=Decimal("18.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Crèche de départ (12 santons et étable)",
                description="L'étable, la Sainte Famille, les bergers et les premiers villageois.",
                price=Decimal("195.00"),
                category="Crèche et décors",
            ),
            DemoProduct(
                title="Santon à l'image d'un proche (12 cm)",
                description="Santon modelé d'après photo, avec les traits et le métier de la personne.",
                price=Decimal("120.00"),
                category="Créations sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Santon de votre métier (7 cm)",
                description="Un personnage de la crèche exerçant le métier de votre choix.",
                price=Decimal("45.00"),
                category="Créations sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Grande crèche sur mesure",
                description="Crèche composée et décorée selon vos dimensions.",
                price=Decimal("450.00"),
                category="Créations sur commande",
                is_made_to_order=True,
            ),
        ),
        palette=("#f8efe4", "#c4502f", "#2d2118"),
        motif="figure",
    ),
    # --- Verrerie ----------------------------------------------------------------------------------
    DemoTrade(
        code="verrerie",
        category="Verrerie",
        shop_name_patterns=(
            "Verrerie {surname}",
            "Atelier {first_name} {surname}",
            "La Verrerie de {commune}",
            "Le Souffle de {first_name}",
            "Les Verres de {commune}",
            "L'Atelier du Verre Soufflé",
            "Maison {surname}",
        ),
        taglines=(
            "Verre soufflé à la canne, à la chaleur du four.",
            "Verres, carafes et luminaires soufflés à la main.",
            "Le verre bullé, une tradition de la Côte d'Azur.",
            "Pièces uniques aux couleurs de la Méditerranée.",
            "Des objets de lumière, pour la table et la maison.",
        ),
        stories=(
            "{first_name} {surname} souffle le verre à {commune}, devant un four "
            "qui dépasse les mille degrés. La paraison est cueillie au bout de la "
            "canne, soufflée, façonnée puis recuite lentement. Le verre bullé, qui "
            "a fait la renommée de Biot, fait partie des spécialités de l'atelier.",
            "À {commune}, l'atelier {surname} travaille le verre en petites séries, avec des couleurs "
            "inspirées de la mer et des champs de lavande. {first_name} aime les formes simples : verres "
            "à eau, carafes, vases. Les visiteurs peuvent assister au soufflage depuis la galerie.",
            "Après des années passées dans des verreries de la côte, {first_name} a construit "
            "un four à {commune}. Chaque pièce est unique, avec ses légères variations et ses "
            "bulles d'air. Les luminaires et les pièces d'art sont réalisés sur commande.",
            "La verrerie {surname} est un atelier familial ouvert sur la rue, à {commune}. "
            "{first_name} y souffle et façonne verres, bouteilles et objets décoratifs, et transmet "
            "le métier aux apprentis. Le verre de récupération y est régulièrement refondu.",
        ),
        products=(
            DemoProduct(
                title="Verre à eau bullé",
                description="Verre soufflé aux fines bulles d'air prisonnières du verre.",
                price=Decimal("18.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Verres bullés bleu Méditerranée (lot de 6)",
                description="Six verres à eau au bleu profond.",
                price=Decimal("105.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Carafe soufflée à l'ancienne (1 l)",
                description="Carafe au col étiré et au bec pincé à la main.",
                price=Decimal("55.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Verre à pied soufflé",
                description="Verre à vin au pied étiré à la pince.",
                price=Decimal("28.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Flûte à champagne soufflée",
                description="Flûte fine et élancée, pour les grandes occasions.",
                price=Decimal("29.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Gobelet en verre recyclé",
                description="Gobelet épais soufflé dans du verre de récupération.",
                price=Decimal("15.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Pichet en verre bullé",
                description="Pichet d'un litre à l'anse rapportée à chaud.",
                price=Decimal("62.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Verres à pastis soufflés (lot de 4)",
                description="Verres droits pour le pastis de l'apéritif.",
                price=Decimal("58.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Bouteille à huile en verre soufflé",
                description="Bouteille de 50 cl avec bouchon verseur.",
                price=Decimal("35.00"),
                category="Verres et carafes",
            ),
            DemoProduct(
                title="Vase soufflé bleu lavande",
                description="Vase aux reflets mauves, comme un champ de lavande.",
                price=Decimal("75.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Vase bullé ambré (30 cm)",
                description="Grand vase ambré aux bulles régulières.",
                price=Decimal("120.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Coupe à fruits en verre soufflé",
                description="Large coupe ouverte, au bord ondulé.",
                price=Decimal("85.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Presse-papier en verre à bulles",
                description="Sphère de verre massif aux bulles colorées.",
                price=Decimal("38.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Boule de Noël soufflée",
                description="Boule en verre soufflé, à suspendre au sapin.",
                price=Decimal("22.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Cigale en verre filé",
                description="Petite cigale façonnée au chalumeau.",
                price=Decimal("26.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Poisson en verre massif",
                description="Poisson décoratif aux couleurs de la Méditerranée.",
                price=Decimal("45.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Soliflore en verre coloré",
                description="Petit vase pour une seule fleur.",
                price=Decimal("32.00"),
                category="Décoration",
            ),
            DemoProduct(
                title="Suspension en verre soufflé",
                description="Globe soufflé à la bouche, monté sur câble textile.",
                price=Decimal("220.00"),
                category="Luminaires",
            ),
            DemoProduct(
                title="Lampe à poser en verre bullé",
                description="Pied en verre bullé et abat-jour en lin.",
                price=Decimal("190.00"),
                category="Luminaires",
            ),
            DemoProduct(
                title="Photophore en verre soufflé",
                description="Photophore pour bougie chauffe-plat ou bougie pilier.",
                price=Decimal("39.00"),
                category="Luminaires",
            ),
            DemoProduct(
                title="Lanterne en verre et fer forgé",
                description="Lanterne de jardin au verre soufflé et à la ferronnerie noire.",
                price=Decimal("145.00"),
                category="Luminaires",
            ),
            DemoProduct(
                title="Bougeoirs en verre (lot de 2)",
                description="Bougeoirs épais pour bougies de table.",
                price=Decimal("34.00"),
                category="Luminaires",
            ),
            DemoProduct(
                title="Verres gravés aux initiales (lot de 6)",
                description="Six verres soufflés et gravés de vos initiales.",
                price=Decimal("140.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Suspension sur mesure",
                description="Suspension à la forme et à la couleur de votre choix.",
                price=Decimal("380.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Vase unique à vos couleurs",
                description="Vase soufflé dans les teintes que vous aurez choisies.",
                price=Decimal("180.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Trophée en verre gravé",
                description="Trophée soufflé et gravé pour un événement ou une association.",
                price=Decimal("95.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
            DemoProduct(
                title="Carafe gravée personnalisée",
                description="Carafe soufflée et gravée d'un prénom, d'une date ou d'un mot.",
                price=Decimal("75.00"),
                category="Pièces sur commande",
                is_made_to_order=True,
            ),
        ),
        palette=("#e9f4f6", "#2e8fa3", "#14292e"),
        motif="glass",
    ),
)

TRADES_BY_CODE: dict[str, DemoTrade] = {trade.code: trade for trade in TRADES}
