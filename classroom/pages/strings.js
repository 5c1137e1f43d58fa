// Every text the classroom pages show, French first. `{name}` placeholders are filled by t().
export const STRINGS = {
  language: { fr: "English", en: "Français" },
  languageLabel: { fr: "Switch to English", en: "Passer en français" },
  appName: { fr: "Robotyc Studio — classe", en: "Robotyc Studio — class" },

  // Pupil page
  joinTitle: { fr: "Rejoindre la classe", en: "Join the class" },
  joinHelp: {
    fr: "Écris le code de la classe (il est au tableau) et un pseudo. Pas de vrai nom, pas d'e-mail.",
    en: "Type the class code (it is on the board) and a pseudonym. No real name, no e-mail.",
  },
  codeLabel: { fr: "Code de la classe", en: "Class code" },
  nameLabel: { fr: "Ton pseudo", en: "Your pseudonym" },
  nameHelp: {
    fr: "De 1 à 24 caractères : lettres, chiffres, espaces, - ' . _",
    en: "1 to 24 characters: letters, digits, spaces, - ' . _",
  },
  joinButton: { fr: "Rejoindre", en: "Join" },
  joining: { fr: "Connexion…", en: "Connecting…" },
  hello: { fr: "Bonjour {name} !", en: "Hello {name}!" },
  leave: { fr: "Changer de pseudo", en: "Change pseudonym" },
  programTitle: { fr: "Mon programme", en: "My program" },
  programLabel: {
    fr: "Le programme (TypeScript) : colle-le ici ou choisis un fichier",
    en: "The program (TypeScript): paste it here or choose a file",
  },
  fileLabel: { fr: "Choisir un fichier .ts", en: "Choose a .ts file" },
  sendButton: { fr: "Envoyer pour être noté", en: "Send to be graded" },
  sending: { fr: "Envoi…", en: "Sending…" },
  sent: {
    fr: "Programme n° {id} reçu : il est en cours de notation.",
    en: "Program no. {id} received: it is being graded.",
  },
  mySubmissions: { fr: "Mes envois", en: "My submissions" },
  noSubmissions: { fr: "Aucun envoi pour l'instant.", en: "No submission yet." },
  submissionTitle: { fr: "Envoi n° {id} à {time}", en: "Submission no. {id} at {time}" },
  statusQueued: { fr: "en attente de note", en: "waiting for a score" },
  statusGraded: { fr: "noté", en: "graded" },
  scoreOf: { fr: "{score} sur {max}", en: "{score} out of {max}" },
  seedLine: { fr: "Graine {seed} : {score} sur {max}", en: "Seed {seed}: {score} out of {max}" },
  outcomeFinished: { fr: "programme terminé à {time} s", en: "program finished at {time} s" },
  outcomeTimeout: { fr: "temps écoulé ({time} s)", en: "time up ({time} s)" },
  outcomeError: { fr: "le programme a échoué", en: "the program failed" },
  errorAt: { fr: "Erreur (ligne {line}) : {message}", en: "Error (line {line}): {message}" },
  error: { fr: "Erreur : {message}", en: "Error: {message}" },
  points: { fr: "{points} pt", en: "{points} pt" },
  details: { fr: "Détail des points", en: "How the points were made" },

  // Session state
  stateWaiting: {
    fr: "En attente : le professeur va lancer le compte à rebours.",
    en: "Waiting: the teacher will start the countdown.",
  },
  stateRunning: { fr: "Temps restant : {time}", en: "Time left: {time}" },
  stateEnded: {
    fr: "Temps écoulé : la séance est terminée.",
    en: "Time is up: the session is over.",
  },
  connectionLost: {
    fr: "Connexion au serveur perdue : nouvel essai…",
    en: "Connection to the server lost: trying again…",
  },

  // Scoreboard
  scoreboardTitle: { fr: "Tableau des scores", en: "Scoreboard" },
  rank: { fr: "Rang", en: "Rank" },
  pupil: { fr: "Pseudo", en: "Pseudonym" },
  best: { fr: "Meilleur score", en: "Best score" },
  sentAt: { fr: "Envoyé à", en: "Sent at" },
  tries: { fr: "Envois", en: "Submissions" },
  notYet: { fr: "pas encore noté", en: "not graded yet" },
  nobody: { fr: "Personne n'a encore rejoint la classe.", en: "Nobody has joined the class yet." },
  boardJoin: {
    fr: "Pour rejoindre : ouvre {url} et tape le code {code}",
    en: "To join: open {url} and type the code {code}",
  },

  // Teacher page
  teacherTitle: { fr: "Page du professeur", en: "Teacher's page" },
  noToken: {
    fr: "Lien incomplet : ouvre le lien « Page du professeur » affiché au lancement du serveur.",
    en: 'Incomplete link: open the "Teacher\'s page" link printed when the server started.',
  },
  classCode: { fr: "Code de la classe", en: "Class code" },
  pupilsOpen: { fr: "Les élèves ouvrent", en: "Pupils open" },
  start: {
    fr: "Lancer le compte à rebours ({minutes} min)",
    en: "Start the countdown ({minutes} min)",
  },
  addTime: { fr: "+5 minutes", en: "+5 minutes" },
  end: { fr: "Terminer maintenant", en: "End now" },
  confirmEnd: {
    fr: "Terminer la séance maintenant ? Les élèves ne pourront plus envoyer.",
    en: "End the session now? Pupils will no longer be able to send.",
  },
  exportCsv: { fr: "Exporter en CSV (tableur)", en: "Export as CSV (spreadsheet)" },
  exportJson: { fr: "Exporter en JSON", en: "Export as JSON" },
  openBoard: {
    fr: "Ouvrir le tableau des scores (projecteur)",
    en: "Open the scoreboard (projector)",
  },
  pupilsTitle: { fr: "Élèves connectés : {count}", en: "Pupils connected: {count}" },
  submissionsTitle: { fr: "Envois : {count}", en: "Submissions: {count}" },
  colNumber: { fr: "N°", en: "No." },
  colTime: { fr: "Heure", en: "Time" },
  colStatus: { fr: "État", en: "Status" },
  colScore: { fr: "Score", en: "Score" },
  colActions: { fr: "Voir", en: "View" },
  showReplay: { fr: "Parcours (graine {seed})", en: "Run (seed {seed})" },
  showSource: { fr: "Code", en: "Code" },
  sourceTitle: {
    fr: "Code de l'envoi n° {id} ({pupil})",
    en: "Code of submission no. {id} ({pupil})",
  },
  close: { fr: "Fermer", en: "Close" },
  exported: { fr: "Fichier « {file} » téléchargé.", en: 'File "{file}" downloaded.' },

  // Replay viewer
  replayTitle: {
    fr: "Parcours de {pupil}, envoi n° {id}, graine {seed}",
    en: "Run of {pupil}, submission no. {id}, seed {seed}",
  },
  replayLoading: { fr: "Préparation du parcours…", en: "Preparing the run…" },
  play: { fr: "Lecture", en: "Play" },
  pause: { fr: "Pause", en: "Pause" },
  replayTime: { fr: "Temps : {time} s sur {total} s", en: "Time: {time} s of {total} s" },
  replaySlider: { fr: "Position dans le parcours", en: "Position in the run" },
  speed: { fr: "Vitesse", en: "Speed" },
  replayCanvas: {
    fr: "Vue de dessus de la table : le robot (triangle) et les objets (ronds), les bacs (rectangles).",
    en: "Top view of the table: the robot (triangle), the items (circles), the bins (rectangles).",
  },
  replayMismatch: {
    fr: "Attention : ce parcours rejoué ne donne pas le même score que la note.",
    en: "Warning: this replayed run does not give the same score as the grade.",
  },
};
