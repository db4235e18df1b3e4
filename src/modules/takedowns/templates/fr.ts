import type { LanguagePack } from './types.ts';

export const fr: LanguagePack = {
  language: 'fr',
  greeting: 'Madame, Monsieur,',
  signOff: 'Cordialement,',
  colon: ' : ',
  semicolon: ' ; ',
  and: 'et',
  intro: {
    site: { self: 'Je vous demande de retirer un contenu publié sur {site}.' },
    hosting_provider: { self: "Je vous écris en tant qu'hébergeur du site {site}, pour signaler un contenu de ce site qui doit être retiré." },
    registrar_cdn: { self: "Je vous écris en tant que bureau d'enregistrement ou fournisseur de réseau/CDN pour {domain}, pour signaler un contenu du site {site}." },
    search_engine: { self: 'Je vous demande de retirer (déréférencer) une page de vos résultats de recherche.' },
    helpline_regulator: {
      self: "Je sollicite votre aide au sujet d'un contenu me concernant, publié en ligne sans mon consentement.",
      agent: 'Je sollicite votre aide pour une personne dont un contenu privé a été publié en ligne sans son consentement.',
    },
    police: {
      self: "Je souhaite déposer plainte pour la publication sur internet, sans mon consentement, d'un contenu me concernant.",
      agent: "Je souhaite déposer plainte, au nom de la personne concernée, pour la publication sur internet, sans son consentement, d'un contenu la concernant.",
    },
  },
  subjectPrefix: {
    site: 'Demande de retrait',
    hosting_provider: "Signalement d'abus (demande de retrait)",
    registrar_cdn: "Signalement d'abus",
    search_engine: 'Demande de déréférencement',
    helpline_regulator: "Demande d'aide",
    police: 'Plainte',
  },
  basisShort: {
    platform_policy: 'violation de vos règles',
    take_it_down: 'TAKE IT DOWN Act',
    uk_soa_66b: 'Sexual Offences Act 2003 s.66B',
    be_417_9: 'art. 417/9 Code pénal (BE)',
    nl_139h: 'art. 139h Sr (NL)',
    de_201a: '§201a StGB (DE)',
    dsa_art16: 'notification art. 16 DSA',
    gdpr_art17: 'effacement art. 17 RGPD',
    dmca_512c3: 'notification DMCA',
  },
  paragraphs: {
    concerned: {
      self: 'Je suis la personne concernée. La page montre {exposed}.',
      agent: "J'agis au nom de {onBehalfOf}, la personne concernée, qui m'a autorisé(e) à envoyer cette notification. La page montre {exposed}.",
    },
    previous_notice: { self: "J'ai signalé ce contenu au site le {previousNoticeDate}. Il est toujours en ligne." },
    host_request: { self: "Veuillez faire retirer ce contenu ou en bloquer l'accès, et transmettre cette notification à votre client qui exploite {site}." },
    registrar_request: {
      self: "Veuillez transmettre cette notification à l'hébergeur et à l'exploitant du site, prendre les mesures prévues par votre politique en matière d'abus, et m'indiquer qui héberge le site afin que je puisse le contacter.",
    },
    search_request: {
      self: "Veuillez retirer l'adresse ci-dessous de vos résultats de recherche, pour toutes les recherches, y compris celles portant sur mon nom.",
      agent: "Veuillez retirer l'adresse ci-dessous de vos résultats de recherche, pour toutes les recherches, y compris celles portant sur le nom de la personne concernée.",
    },
    helpline_request: {
      self: 'Pourriez-vous me conseiller sur la manière de faire retirer ce contenu et, avec mon accord, le signaler à la plateforme ou aux autorités compétentes ?',
      agent: "Pourriez-vous nous conseiller sur la manière de faire retirer ce contenu et, avec l'accord de la personne concernée, le signaler à la plateforme ou aux autorités compétentes ?",
    },
    police_complaint: {
      self: "Je vous demande d'acter cette plainte, d'ouvrir une enquête et d'ordonner le retrait du contenu. Je peux fournir des preuves : des captures d'écran indiquant l'adresse, la date et l'heure.",
      agent: "Je vous demande d'acter cette plainte au nom de la personne concernée, d'ouvrir une enquête et d'ordonner le retrait du contenu. Je peux fournir des preuves : des captures d'écran indiquant l'adresse, la date et l'heure.",
    },
    location: { self: 'Le contenu se trouve à cette adresse exacte :\n{url}' },
    platform_policy: { self: 'Ce contenu enfreint les règles de {platformName} concernant {policyTopic}.' },
    tida_notice: {
      self: 'Ceci est une demande de retrait au titre de la loi américaine TAKE IT DOWN Act (47 U.S.C. §223a). La page montre une représentation visuelle intime de moi. Veuillez la retirer dès que possible et au plus tard 48 heures après réception de cette demande (au plus tard le {tidaDue}), et faire des efforts raisonnables pour identifier et retirer les copies identiques connues.',
      agent: 'Ceci est une demande de retrait au titre de la loi américaine TAKE IT DOWN Act (47 U.S.C. §223a). La page montre une représentation visuelle intime de la personne concernée. Veuillez la retirer dès que possible et au plus tard 48 heures après réception de cette demande (au plus tard le {tidaDue}), et faire des efforts raisonnables pour identifier et retirer les copies identiques connues.',
    },
    tida_non_consent: {
      self: 'Je déclare de bonne foi que cette représentation visuelle intime a été publiée sans mon consentement.',
      agent: 'Je déclare de bonne foi que cette représentation visuelle intime de {onBehalfOf} a été publiée sans son consentement.',
    },
    offence_uk: {
      self: "Le partage de cette image sans mon consentement est une infraction au sens de la section 66B du Sexual Offences Act 2003 britannique (insérée par la section 188 de l'Online Safety Act 2023) ; il s'agit d'un contenu illégal prioritaire au sens de l'Online Safety Act.",
      agent: "Le partage de cette image sans le consentement de la personne représentée est une infraction au sens de la section 66B du Sexual Offences Act 2003 britannique (insérée par la section 188 de l'Online Safety Act 2023) ; il s'agit d'un contenu illégal prioritaire au sens de l'Online Safety Act.",
    },
    uk_request: { self: "Veuillez le retirer rapidement et prendre des mesures pour empêcher qu'il soit à nouveau mis en ligne." },
    offence_be: {
      self: "Rendre ce contenu accessible sans mon consentement est une infraction au sens de l'article 417/9 du Code pénal (et de l'article 417/10 lorsque c'est fait dans une intention méchante ou dans un but lucratif), même si j'ai consenti à sa réalisation.",
      agent: "Rendre ce contenu accessible sans le consentement de la personne concernée est une infraction au sens de l'article 417/9 du Code pénal (et de l'article 417/10 lorsque c'est fait dans une intention méchante ou dans un but lucratif), même si elle a consenti à sa réalisation.",
    },
    remedy_be: {
      self: "Si le contenu n'est pas retiré, j'ai l'intention de demander au président du tribunal de première instance une ordonnance sur la base de l'article 584 du Code judiciaire, qui impose le retrait dans les six heures, et de porter plainte auprès de la police ou par l'intermédiaire de l'Institut pour l'égalité des femmes et des hommes (IEFH).",
      agent: "Si le contenu n'est pas retiré, la personne concernée a l'intention de demander au président du tribunal de première instance une ordonnance sur la base de l'article 584 du Code judiciaire, qui impose le retrait dans les six heures, et de porter plainte auprès de la police ou par l'intermédiaire de l'Institut pour l'égalité des femmes et des hommes (IEFH).",
    },
    offence_nl: {
      self: "Publier une image à caractère sexuel de moi, en sachant ou en devant raisonnablement soupçonner que cette publication peut me nuire, est une infraction au sens de l'article 139h, paragraphe 2, point b, du Code pénal néerlandais (Wetboek van Strafrecht).",
      agent: "Publier une image à caractère sexuel de la personne concernée, en sachant ou en devant raisonnablement soupçonner que cette publication peut lui nuire, est une infraction au sens de l'article 139h, paragraphe 2, point b, du Code pénal néerlandais (Wetboek van Strafrecht).",
    },
    remedy_nl: {
      self: "Si le contenu n'est pas retiré, j'ai l'intention de porter plainte auprès de la police et d'engager une procédure en référé (kort geding).",
      agent: "Si le contenu n'est pas retiré, la personne concernée a l'intention de porter plainte auprès de la police et d'engager une procédure en référé (kort geding).",
    },
    offence_de: {
      self: "Rendre cette image accessible à des tiers sans autorisation est une infraction au sens du §201a, paragraphe 1, points 4 et 5, et paragraphe 2, du Code pénal allemand (StGB), et porte atteinte à mon droit à l'image (§§22, 33 KUG).",
      agent: "Rendre cette image accessible à des tiers sans autorisation est une infraction au sens du §201a, paragraphe 1, points 4 et 5, et paragraphe 2, du Code pénal allemand (StGB), et porte atteinte au droit à l'image de la personne concernée (§§22, 33 KUG).",
    },
    unterlassung_de: { self: "Veuillez retirer le contenu et veiller à ce qu'il reste retiré et ne soit pas publié à nouveau." },
    remedy_de: {
      self: "Si le contenu n'est pas retiré, je me réserve le droit de déposer une plainte pénale (Strafantrag) et d'intenter une action civile (§§823, 1004 BGB).",
      agent: "Si le contenu n'est pas retiré, la personne concernée se réserve le droit de déposer une plainte pénale (Strafantrag) et d'intenter une action civile (§§823, 1004 BGB).",
    },
    dsa_notice: {
      self: "Ceci est une notification au titre de l'article 16 du règlement sur les services numériques (DSA, règlement (UE) 2022/2065). Elle vous donne connaissance effective d'un contenu illicite au sens de l'article 6 de ce règlement.",
    },
    dsa_explanation: { self: 'Pourquoi ce contenu est illicite : {illegality}.' },
    gdpr_request: {
      self: "Je vous demande d'effacer mes données à caractère personnel figurant sur cette page, en vertu de l'article 17 du règlement général sur la protection des données (RGPD).",
      agent: "Au nom de la personne concernée, je vous demande d'effacer ses données à caractère personnel figurant sur cette page, en vertu de l'article 17 du règlement général sur la protection des données (RGPD).",
    },
    gdpr_grounds: {
      self: "Les motifs sont l'article 17, paragraphe 1, point b) : je ne consens pas à ce traitement et je retire tout consentement éventuel ; point c) : je m'oppose au traitement en vertu de l'article 21, paragraphe 1, et il n'existe pas de motif légitime impérieux ; et point d) : les données font l'objet d'un traitement illicite, sans base juridique au sens de l'article 6, et, dans la mesure où elles révèlent la vie sexuelle d'une personne, aucune des conditions de l'article 9, paragraphe 2, n'est remplie.",
      agent: "Les motifs sont l'article 17, paragraphe 1, point b) : la personne concernée ne consent pas à ce traitement et retire tout consentement éventuel ; point c) : elle s'oppose au traitement en vertu de l'article 21, paragraphe 1, et il n'existe pas de motif légitime impérieux ; et point d) : les données font l'objet d'un traitement illicite, sans base juridique au sens de l'article 6, et, dans la mesure où elles révèlent la vie sexuelle d'une personne, aucune des conditions de l'article 9, paragraphe 2, n'est remplie.",
    },
    gdpr_other_controllers: {
      self: "Dans la mesure où vous avez rendu ces données publiques, veuillez informer de cette demande les autres responsables du traitement qui les traitent, afin qu'ils effacent tout lien vers ces données ainsi que toute copie ou reproduction de celles-ci (article 17, paragraphe 2), et notifier chaque destinataire auquel elles ont été communiquées (article 19).",
    },
    gdpr_exceptions: {
      self: "Aucune des exceptions de l'article 17, paragraphe 3, ne s'applique : la publication de ces données ne sert pas la liberté d'expression et d'information, ne répond à aucune obligation légale ni mission d'intérêt public, ne sert aucune finalité de santé publique, d'archivage, de recherche ou de statistique, et n'est pas nécessaire à la constatation, à l'exercice ou à la défense de droits en justice.",
    },
    gdpr_deadline: {
      self: "Selon l'article 12, paragraphe 3, du RGPD, vous devez donner suite à cette demande dans les meilleurs délais et au plus tard dans un délai d'un mois (au plus tard le {gdprDue}). À défaut, je pourrai introduire une réclamation auprès d'une autorité de contrôle (article 77) ou saisir la justice (article 79).",
      agent: "Selon l'article 12, paragraphe 3, du RGPD, vous devez donner suite à cette demande dans les meilleurs délais et au plus tard dans un délai d'un mois (au plus tard le {gdprDue}). À défaut, la personne concernée pourra introduire une réclamation auprès d'une autorité de contrôle (article 77) ou saisir la justice (article 79).",
    },
    dmca_notice: { self: "Ceci est une notification de violation du droit d'auteur au titre de 17 U.S.C. §512(c)(3) (DMCA)." },
    dmca_work: {
      self: "L'œuvre protégée : {copyrightWork}{originalUrlLine}. Le contenu à l'adresse ci-dessus la contrefait ; veuillez le retirer ou en bloquer l'accès.",
    },
    dmca_good_faith: {
      self: "Je crois de bonne foi que l'utilisation du contenu de la manière dénoncée n'est autorisée ni par le titulaire du droit d'auteur, ni par son mandataire, ni par la loi.",
    },
    dmca_perjury: {
      self: "Les informations contenues dans cette notification sont exactes et, sous peine de parjure (under penalty of perjury), je déclare être titulaire d'un droit exclusif prétendument violé.",
      agent: "Les informations contenues dans cette notification sont exactes et, sous peine de parjure (under penalty of perjury), je déclare être autorisé(e) à agir au nom du titulaire d'un droit exclusif prétendument violé.",
    },
    non_consent: {
      self: "Je n'ai pas consenti à la publication de ce contenu.",
      agent: "La personne concernée n'a pas consenti à la publication de ce contenu.",
    },
    bona_fide: { self: 'Je confirme de bonne foi que les informations et allégations contenues dans cette notification sont exactes et complètes.' },
    closing: { self: "Veuillez retirer ce contenu ou en bloquer l'accès, confirmer la réception de cette notification et m'informer de votre décision." },
    contact: { self: 'Mes coordonnées :\n{contactDetails}' },
    signature: { self: '/s/ {senderName}\n{date}', agent: '/s/ {senderName}, au nom de {onBehalfOf}\n{date}' },
  },
  exposed: {
    intimate_media: { self: 'des images intimes de moi', agent: 'des images intimes de la personne concernée' },
    home_address: { self: 'mon adresse personnelle', agent: "l'adresse personnelle de la personne concernée" },
    phone: { self: 'mon numéro de téléphone', agent: 'le numéro de téléphone de la personne concernée' },
    email: { self: 'mon adresse e-mail', agent: "l'adresse e-mail de la personne concernée" },
    identity_document: { self: "ma pièce d'identité", agent: "la pièce d'identité de la personne concernée" },
    financial: { self: 'mes données financières', agent: 'les données financières de la personne concernée' },
    live_location: { self: 'ma localisation actuelle', agent: 'la localisation actuelle de la personne concernée' },
    impersonation: { self: 'un profil qui se fait passer pour moi, sous mon nom', agent: 'un profil qui se fait passer pour la personne concernée, sous son nom' },
    name: { self: 'mon nom', agent: 'le nom de la personne concernée' },
    photo: { self: 'des photos de moi', agent: 'des photos de la personne concernée' },
  },
  exposedFallback: { self: 'des informations personnelles me concernant', agent: 'des informations personnelles la concernant' },
  illegality: {
    be_417_9: "il s'agit d'une infraction à l'article 417/9 du Code pénal belge (diffusion non consentie de contenus à caractère sexuel)",
    nl_139h: "il s'agit d'une infraction à l'article 139h du Code pénal néerlandais (publication d'une image à caractère sexuel susceptible de nuire à la personne représentée)",
    de_201a: "il s'agit d'une infraction au §201a du Code pénal allemand (atteinte à la sphère la plus intime de la vie par des prises de vue)",
    uk_soa_66b: "il s'agit d'une infraction à la section 66B du Sexual Offences Act 2003 britannique",
    gdpr: "il publie des données à caractère personnel sans aucune base juridique au sens de l'article 6 du règlement général sur la protection des données",
    gdpr_special:
      "il publie des données concernant la vie sexuelle d'une personne, catégorie particulière de données au sens de l'article 9 du règlement général sur la protection des données, sans qu'aucune condition de l'article 9, paragraphe 2, soit remplie",
  },
  policyTopic: {
    intimate: 'les images intimes partagées sans consentement',
    private: "le partage d'informations privées",
    both: "le partage d'informations privées et d'images intimes sans consentement",
  },
  contactLabels: { name: 'Nom :', email: 'E-mail :', postalAddress: 'Adresse postale :', phone: 'Téléphone :' },
  defaultCopyrightWork: {
    self: "des photos et/ou vidéos de moi que j'ai réalisées et dont je détiens le droit d'auteur",
    agent: "des photos et/ou vidéos réalisées par la personne concernée, qui en détient le droit d'auteur",
  },
  originalUrlLine: ' (original : {originalUrl})',
};
