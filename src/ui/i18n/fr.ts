// French: the widget's words (src/ui/strings.ts), loaded when an element asks for fr.
import type { Strings } from '../strings.js';

// French typography: a no-break space (\u00a0) before ":" and inside « », a narrow one (\u202f) before ? ! ; and %.
const fr: Strings = {
  starting: 'Préparation en cours…',
  waitingForToken: 'En attente de la configuration de la vérification…',
  elsewhere: {
    heading: 'Vérification ouverte dans un autre onglet',
    lead: 'Cette vérification est ouverte dans un autre onglet ou une autre fenêtre de ce navigateur. Terminez-la là-bas, ou continuez plutôt ici.',
    continueHere: 'Continuer ici',
  },
  intro: {
    heading: 'Vérifiez votre identité',
    lead: (documents) => `Cela prend environ deux minutes. Vous aurez besoin de ${documents}.`,
    documents: {
      passport: 'votre passeport',
      drivers_license: 'votre permis de conduire',
      national_id: 'votre carte nationale d’identité',
      residence_permit: 'votre titre de séjour',
    },
    steps: ['Choisissez votre document', 'Prenez ou importez une photo de chaque face', 'Nous le vérifions et vous indiquons le résultat'],
    collectedHeading: 'Ce que nous collectons',
    collected: [
      'Des photos de votre document, envoyées de manière sécurisée à Beltic pour vérification.',
      'La façon dont vous utilisez ce formulaire (durées et nombres d’actions, jamais ce que vous saisissez) et des informations de base sur votre appareil, afin de vous protéger contre la fraude.',
    ],
    consent: 'J’accepte de partager ces éléments pour la vérification de mon identité.',
    start: 'Commencer',
  },
  document: {
    heading: 'Quel document allez-vous utiliser\u202f?',
    typeLabel: 'Type de document',
    countryLabel: 'Pays de délivrance',
    types: {
      passport: 'Passeport',
      drivers_license: 'Permis de conduire',
      national_id: 'Carte nationale d’identité',
      residence_permit: 'Titre de séjour',
    },
    countryHint: 'Commencez à saisir le nom du pays, puis choisissez-le dans la liste.',
    countryNoMatch: 'Aucun pays ne correspond.',
    countryMatches: (count) => (count < 2 ? `${count} pays trouvé` : `${count} pays trouvés`),
    countryInvalid: 'Choisissez un pays dans la liste.',
    continue: 'Continuer',
  },
  capture: {
    headings: {
      passport: { photo_page: 'Page photo de votre passeport' },
      drivers_license: { front: 'Recto de votre permis de conduire', back: 'Verso de votre permis de conduire' },
      national_id: { front: 'Recto de votre carte nationale d’identité', back: 'Verso de votre carte nationale d’identité' },
      residence_permit: { front: 'Recto de votre titre de séjour', back: 'Verso de votre titre de séjour' },
    },
    hint: {
      front: 'Posez le document sur une surface sombre et plane. Vérifiez que les quatre coins sont visibles et qu’il n’y a pas de reflet.',
      back: 'Passons au verso. Vérifiez que le code-barres est net et entièrement visible.',
      portrait: 'Prenez une photo nette de votre visage.',
    },
    chooseFile: 'Choisir une photo',
    dropHere: 'ou déposez-la ici (JPEG, PNG ou WebP)',
    formats: 'JPEG, PNG ou WebP',
    preparing: 'Préparation de votre photo…',
    retry: {
      heading: { onePhoto: 'Veuillez reprendre la photo', photos: 'Veuillez reprendre les photos' },
      tryAgain: 'Réessayer',
    },
    camera: {
      viewfinder: 'Caméra',
      starting: 'Démarrage de la caméra…',
      shutter: 'Prendre la photo',
      uploadInstead: 'Importer plutôt une photo',
      tryAgain: 'Réessayer avec la caméra',
      problems: {
        denied:
          'L’accès à la caméra est bloqué. Pour utiliser la caméra, autorisez-la dans les paramètres de votre navigateur pour ce site et réessayez, ou importez plutôt une photo.',
        absent: 'Aucune caméra n’a été trouvée sur cet appareil. Veuillez plutôt importer une photo.',
        busy: 'Votre caméra est utilisée par une autre application. Fermez cette application et réessayez, ou importez plutôt une photo.',
        lost: 'La caméra a cessé de fonctionner. Réessayez, ou importez plutôt une photo.',
        failed: 'La caméra n’a pas pu être démarrée. Réessayez, ou importez plutôt une photo.',
      },
      guidance: {
        dark: 'Trop sombre. Placez-vous dans un endroit plus lumineux.',
        glare: 'Reflet sur le document. Inclinez-le légèrement ou éloignez-vous de la lumière.',
        moving: 'Ne bougez plus.',
        blurry: 'L’image est floue. Ne bougez plus, pour que la caméra puisse faire la mise au point.',
        far: 'Rapprochez-vous, pour que le document remplisse le cadre.',
        not_whole: 'Éloignez un peu la carte, pour que les quatre coins soient dans le cadre.',
        wrong_side_front: 'Il semble s’agir du verso de votre carte. Veuillez montrer le recto.',
        no_barcode: 'Nous ne trouvons pas le code-barres. S’agit-il bien du verso de votre carte\u202f?',
        reading_barcode: 'Lecture du code-barres… gardez-le dans le cadre.',
      },
      holdStill: 'Ne bougez plus…',
      takenAutomatically: 'Photo prise automatiquement.',
      taken: 'Photo prise.',
      notTaken: 'La photo n’a pas pu être prise. Veuillez appuyer de nouveau.',
      weRead: (name, expiry) => (expiry ? `Nous avons lu\u00a0: ${name}, expire le ${expiry}.` : `Nous avons lu\u00a0: ${name}.`),
      expired: 'Ce document semble expiré. Si vous en avez un en cours de validité, veuillez plutôt utiliser celui-ci.',
    },
  },
  precheck: {
    heading: 'Veuillez reprendre cette photo',
    problems: {
      too_small:
        'Cette photo est trop petite pour que votre document soit lisible. Reprenez-la en faisant en sorte que le document occupe la plus grande partie de l’image, ou choisissez une photo plus grande.',
      no_document:
        'Nous ne voyons pas de document entier sur cette photo. Posez-le en entier sur une surface unie qui contraste avec lui, puis reprenez la photo.',
      cut_off: 'Une partie de votre document est coupée. Vérifiez que les quatre coins sont bien dans la photo.',
      blurry: 'Cette photo est floue. Tenez l’appareil immobile et laissez-le faire la mise au point avant de prendre la photo.',
      barcode_unreadable: 'Nous ne parvenons pas à lire le code-barres au verso. Vérifiez qu’il est net, sans reflet et entièrement dans la photo.',
    },
    cameraTooSmall:
      'Cette caméra prend des images trop petites pour que votre document soit lisible. Veuillez plutôt importer une photo prise avec un autre appareil.',
    anywayLead: 'Si vous avez la certitude que cette photo montre clairement l’intégralité de votre document, vous pouvez tout de même l’utiliser.',
    useAnyway: 'Utiliser quand même cette photo',
  },
  review: {
    heading: { photo_page: 'Vérifiez la page photo', front: 'Vérifiez le recto', back: 'Vérifiez le verso', portrait: 'Vérifiez le portrait' },
    question: 'Le document est-il entièrement visible, net et sans reflet\u202f?',
    use: 'Utiliser cette photo',
    retake: 'Reprendre',
    imageAlt: {
      photo_page: 'Votre photo de la page photo',
      front: 'Votre photo du recto',
      back: 'Votre photo du verso',
      portrait: 'Votre photo portrait',
    },
  },
  uploading: {
    heading: 'Envoi de vos photos',
    progress: {
      photo_page: (percent) => `Envoi de la page photo\u00a0: ${percent}\u202f%`,
      front: (percent) => `Envoi du recto\u00a0: ${percent}\u202f%`,
      back: (percent) => `Envoi du verso\u00a0: ${percent}\u202f%`,
      portrait: (percent) => `Envoi du portrait\u00a0: ${percent}\u202f%`,
    },
    done: { photo_page: 'La page photo est envoyée', front: 'Le recto est envoyé', back: 'Le verso est envoyé', portrait: 'Le portrait est envoyé' },
  },
  verifying: { heading: 'Vérification de votre document', lead: 'Cela prend généralement quelques secondes. Veuillez garder cette page ouverte.' },
  result: {
    passed: { heading: 'Votre identité est vérifiée', lead: 'Merci. Vous pouvez continuer.' },
    review: {
      heading: 'Nous examinons votre document',
      lead: 'Une personne va le vérifier sous peu. Nous vous communiquerons le résultat\u202f; vous pouvez fermer cette page.',
    },
    failed: {
      heading: 'Nous n’avons pas pu vérifier votre document',
      lead: 'Veuillez contacter le service qui vous a demandé cette vérification pour savoir quoi faire ensuite.',
    },
    expired: { heading: 'Cette vérification a expiré', lead: 'Veuillez retourner sur le service d’où vous venez pour en commencer une nouvelle.' },
    cancelled: { heading: 'Vérification annulée', lead: 'Rien n’a été conservé sur cet appareil. Vous pouvez recommencer quand vous le souhaitez.' },
  },
  failedBecause: {
    tooManyAttempts: 'Nous n’avons pas pu lire votre document après plusieurs tentatives.',
  },
  continue: 'Continuer',
  stepOf: (step, total) => `Étape ${step} sur ${total}`,
  cancelConfirm: {
    heading: 'Annuler la vérification\u202f?',
    lead: 'Ce que vous avez fait jusqu’ici ne sera pas conservé.',
    confirm: 'Oui, annuler',
    keepGoing: 'Poursuivre',
  },
  reasons: {
    photo_unclear: {
      any: 'Nous n’avons pas pu voir votre document assez clairement. Tenez-le immobile, sous un bon éclairage, et réessayez.',
      photo_page: 'L’image de la page photo n’était pas assez nette. Tenez le passeport immobile, sous un bon éclairage, et reprenez-la.',
      front: 'La photo du recto n’était pas assez nette. Tenez le document immobile, sous un bon éclairage, et reprenez-la.',
      back: 'La photo du verso n’était pas assez nette. Tenez le document immobile, sous un bon éclairage, et reprenez-la.',
    },
    image_readable: {
      any: 'Nous n’avons pas pu ouvrir votre photo. Veuillez la reprendre, ou choisir une image JPEG, PNG ou WebP.',
      photo_page: 'Nous n’avons pas pu ouvrir l’image de la page photo. Veuillez la reprendre, ou choisir une image JPEG, PNG ou WebP.',
      front: 'Nous n’avons pas pu ouvrir la photo du recto. Veuillez la reprendre, ou choisir une image JPEG, PNG ou WebP.',
      back: 'Nous n’avons pas pu ouvrir la photo du verso. Veuillez la reprendre, ou choisir une image JPEG, PNG ou WebP.',
    },
    image_resolution: {
      any: 'Votre document est trop petit sur la photo pour être lu. Rapprochez-vous, pour qu’il remplisse le cadre.',
      photo_page: 'La page photo est trop petite sur l’image pour être lue. Rapprochez-vous, pour que la page remplisse le cadre.',
      front: 'Le recto est trop petit sur la photo pour être lu. Rapprochez-vous, pour que le document remplisse le cadre.',
      back: 'Le verso est trop petit sur la photo pour être lu. Rapprochez-vous, pour que le document remplisse le cadre.',
    },
    document_visible: {
      any: 'Nous n’avons pas trouvé votre document sur la photo. Placez le document entier dans le cadre, sur une surface unie d’une autre couleur.',
      photo_page:
        'Nous n’avons pas trouvé la page photo sur l’image. Placez le passeport ouvert en entier dans le cadre, sur une surface unie d’une autre couleur.',
      front:
        'Nous n’avons pas trouvé le recto de votre document sur la photo. Placez le document entier dans le cadre, sur une surface unie d’une autre couleur.',
      back: 'Nous n’avons pas trouvé le verso de votre document sur la photo. Placez le document entier dans le cadre, sur une surface unie d’une autre couleur.',
    },
    barcode_readable:
      'Nous n’avons pas pu lire le code-barres au verso. Reprenez la photo du verso sous un bon éclairage, avec le code-barres entier, net et dans le cadre.',
    document_consistent:
      'Le document sur vos photos ne correspond pas au document ou au pays que vous avez choisi. Prenez en photo le document choisi, ou revenez en arrière pour choisir celui que vous avez.',
    document_not_expired: 'Votre document semble expiré. Veuillez en utiliser un qui soit encore valide.',
  },
  back: 'Retour',
  cancel: 'Annuler',
  tryAgain: 'Réessayer',
  startOver: 'Recommencer',
  errors: {
    fallback: 'Une erreur s’est produite. Veuillez réessayer.',
    network: 'Vous semblez être hors ligne. Vérifiez votre connexion et réessayez.',
    server: 'Notre service rencontre des difficultés. Veuillez réessayer dans un instant.',
    rate_limited: 'Trop de tentatives en même temps. Veuillez patienter un instant, puis réessayer.',
    token_refresh_failed: 'Votre connexion sécurisée au service doit être renouvelée, mais cela n’a pas fonctionné à l’instant. Veuillez réessayer.',
    malformed_response: 'Nous avons reçu une réponse inattendue. Veuillez réessayer.',
    unauthorized: 'Ce lien de vérification n’est plus valide. Veuillez recharger la page ou recommencer depuis le service d’où vous venez.',
    forbidden: 'Ce lien de vérification n’est plus valide. Veuillez recommencer depuis le service d’où vous venez.',
    not_found: 'Cette vérification est introuvable. Veuillez recommencer depuis le service d’où vous venez.',
    unsupported_type: 'Ce fichier n’est pas une photo utilisable. Veuillez choisir une image JPEG, PNG ou WebP.',
    unsupported_heic:
      'Cette photo est au format HEIC, que ce navigateur ne peut pas ouvrir. Veuillez prendre la photo avec la caméra ici, ou choisir une image JPEG ou PNG. Sur iPhone, choisir «\u00a0Le plus compatible\u00a0» dans Réglages › Appareil photo › Formats enregistre les nouvelles photos au format JPEG.',
    unreadable_image: 'Cette photo n’a pas pu être ouverte. Veuillez en choisir une autre.',
    image_lost: 'La photo n’est plus sur cet appareil. Veuillez la reprendre.',
    upload_failed: 'Votre photo n’a pas pu être envoyée. Vérifiez votre connexion et réessayez.',
    upload_rejected: 'Votre photo a été refusée par le serveur. Veuillez la reprendre.',
    verification_timeout: 'La vérification prend plus de temps que d’habitude. Veuillez réessayer.',
    secret_key: 'Cette page est mal configurée (une clé secrète a été transmise au navigateur). Veuillez contacter le service.',
    missing_config: 'Cette page est mal configurée (ni adresse d’API ni jeton). Veuillez contacter le service.',
    session_mismatch: 'Cette page est mal configurée (la vérification et son jeton ne correspondent pas). Veuillez contacter le service.',
  },
};

export default fr;
